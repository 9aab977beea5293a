import type { ResourceProvider } from '../../../cloudformation/provider.ts';
import { createRestApi } from '../operations/create-rest-api.ts';
import { deleteRestApi } from '../operations/delete-rest-api.ts';
import { updateRestApi } from '../operations/update-rest-api.ts';
import { escapeSegment, unescapeSegment } from '../patch.ts';
import type { PatchOperation } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import { asBoolean, asNumber, ignoringNotFound, scopeOf, tagMap } from './common.ts';

type Props = Record<string, any>;

/** AWS::ApiGateway::RestApi. Ref is the API id; GetAtt RootResourceId and RestApiId. */
export function restApiProvider(state: ApiGatewayState): ResourceProvider {
  return {
    async create(props, ctx) {
      if (props.Body !== undefined || props.BodyS3Location !== undefined || props.CloneFrom !== undefined) {
        throw new Error(
          `${ctx.logicalId}: Stratus cannot import an OpenAPI definition (Body, BodyS3Location) or clone an API (CloneFrom) yet; define the API with resources and methods (CDK RestApi / LambdaRestApi) instead.`,
        );
      }
      const api = createRestApi(
        state,
        {
          name: props.Name ?? ctx.logicalId,
          description: props.Description,
          binaryMediaTypes: mediaTypes(props),
          minimumCompressionSize: asNumber(props.MinimumCompressionSize),
          apiKeySource: props.ApiKeySourceType,
          endpointConfiguration: props.EndpointConfiguration
            ? {
                types: props.EndpointConfiguration.Types,
                vpcEndpointIds: props.EndpointConfiguration.VpcEndpointIds,
              }
            : undefined,
          policy: policyText(props.Policy),
          tags: tagMap(props.Tags),
          disableExecuteApiEndpoint: asBoolean(props.DisableExecuteApiEndpoint),
        },
        scopeOf(ctx),
      );
      return { physicalId: api.id, attributes: { RootResourceId: api.rootResourceId, RestApiId: api.id } };
    },

    async update(physicalId, props, previous, ctx) {
      const patchOperations = [
        ...replaced('/name', props.Name ?? ctx.logicalId, previous.Name ?? ctx.logicalId),
        ...replaced('/description', props.Description, previous.Description),
        ...replaced('/minimumCompressionSize', props.MinimumCompressionSize, previous.MinimumCompressionSize),
        ...replaced(
          '/apiKeySource',
          props.ApiKeySourceType ?? 'HEADER',
          previous.ApiKeySourceType ?? 'HEADER',
        ),
        ...replaced(
          '/disableExecuteApiEndpoint',
          props.DisableExecuteApiEndpoint,
          previous.DisableExecuteApiEndpoint,
        ),
        ...replaced('/policy', policyText(props.Policy), policyText(previous.Policy)),
        ...mediaTypePatches(mediaTypes(props) ?? [], mediaTypes(previous) ?? []),
      ];
      const api = updateRestApi(state, { restApiId: physicalId, patchOperations }, scopeOf(ctx));
      return { physicalId, attributes: { RootResourceId: api.rootResourceId, RestApiId: api.id } };
    },

    async delete(physicalId, _props, ctx) {
      ignoringNotFound(() => deleteRestApi(state, { restApiId: physicalId }, scopeOf(ctx)));
    },
  };
}

/** Binary media types; CloudFormation users sometimes write `image~1png` as in patch paths. */
function mediaTypes(props: Props): string[] | undefined {
  return (props.BinaryMediaTypes as string[] | undefined)?.map(unescapeSegment);
}

function policyText(policy: unknown): string | undefined {
  if (policy === undefined || policy === null) return undefined;
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}

function replaced(path: string, next: unknown, before: unknown): PatchOperation[] {
  if (String(next ?? '') === String(before ?? '')) return [];
  return [{ op: 'replace', path, value: next === undefined || next === null ? '' : String(next) }];
}

function mediaTypePatches(next: string[], before: string[]): PatchOperation[] {
  return [
    ...before
      .filter((t) => !next.includes(t))
      .map((t): PatchOperation => ({ op: 'remove', path: `/binaryMediaTypes/${escapeSegment(t)}` })),
    ...next
      .filter((t) => !before.includes(t))
      .map((t): PatchOperation => ({ op: 'add', path: `/binaryMediaTypes/${escapeSegment(t)}` })),
  ];
}
