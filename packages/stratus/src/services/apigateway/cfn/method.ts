import type { ResourceContext, ResourceProvider } from '../../../cloudformation/provider.ts';
import { transaction } from '../../../state/storage.ts';
import { deleteMethod } from '../operations/delete-method.ts';
import { putIntegration } from '../operations/put-integration.ts';
import { putIntegrationResponse } from '../operations/put-integration-response.ts';
import { putMethod } from '../operations/put-method.ts';
import { putMethodResponse } from '../operations/put-method-response.ts';
import type { ApiGatewayState } from '../state.ts';
import { asBoolean, asNumber, ignoringNotFound, scopeOf } from './common.ts';

type Props = Record<string, any>;

/**
 * AWS::ApiGateway::Method with its Integration, IntegrationResponses and MethodResponses.
 * Ref is `{restApiId}|{resourceId}|{httpMethod}`. An update rewrites the method in place.
 */
export function methodProvider(state: ApiGatewayState): ResourceProvider {
  const write = (props: Props, ctx: ResourceContext) => {
    const scope = scopeOf(ctx);
    const ref = { restApiId: props.RestApiId, resourceId: props.ResourceId, httpMethod: props.HttpMethod };
    putMethod(
      state,
      {
        ...ref,
        authorizationType: props.AuthorizationType ?? 'NONE',
        authorizerId: props.AuthorizerId,
        apiKeyRequired: asBoolean(props.ApiKeyRequired),
        operationName: props.OperationName,
        requestParameters: booleanMap(props.RequestParameters),
        requestModels: props.RequestModels,
        requestValidatorId: props.RequestValidatorId,
        authorizationScopes: props.AuthorizationScopes,
      },
      scope,
    );
    for (const response of props.MethodResponses ?? []) {
      putMethodResponse(
        state,
        {
          ...ref,
          statusCode: String(response.StatusCode),
          responseParameters: booleanMap(response.ResponseParameters),
          responseModels: response.ResponseModels,
        },
        scope,
      );
    }
    const integration = props.Integration;
    if (!integration) return;
    putIntegration(
      state,
      {
        ...ref,
        type: integration.Type,
        integrationHttpMethod: integration.IntegrationHttpMethod,
        uri: integration.Uri,
        connectionType: integration.ConnectionType,
        connectionId: integration.ConnectionId,
        credentials: integration.Credentials,
        requestParameters: integration.RequestParameters,
        requestTemplates: integration.RequestTemplates,
        passthroughBehavior: integration.PassthroughBehavior,
        cacheNamespace: integration.CacheNamespace,
        cacheKeyParameters: integration.CacheKeyParameters,
        contentHandling: integration.ContentHandling,
        timeoutInMillis: asNumber(integration.TimeoutInMillis),
      },
      scope,
    );
    for (const response of integration.IntegrationResponses ?? []) {
      putIntegrationResponse(
        state,
        {
          ...ref,
          statusCode: String(response.StatusCode),
          selectionPattern: response.SelectionPattern,
          responseParameters: response.ResponseParameters,
          responseTemplates: response.ResponseTemplates,
          contentHandling: response.ContentHandling,
        },
        scope,
      );
    }
  };

  return {
    replaceOn: ['RestApiId', 'ResourceId', 'HttpMethod'],
    async create(props, ctx) {
      transaction(state.store.db, () => write(props, ctx));
      return { physicalId: physicalId(props) };
    },
    async update(_physicalId, props, previous, ctx) {
      transaction(state.store.db, () => {
        deleteMethod(state, methodRef(previous), scopeOf(ctx));
        write(props, ctx);
      });
      return { physicalId: physicalId(props) };
    },
    async delete(_physicalId, props, ctx) {
      ignoringNotFound(() => deleteMethod(state, methodRef(props), scopeOf(ctx)));
    },
  };
}

function methodRef(props: Props) {
  return { restApiId: props.RestApiId, resourceId: props.ResourceId, httpMethod: props.HttpMethod };
}

function physicalId(props: Props): string {
  return `${props.RestApiId}|${props.ResourceId}|${String(props.HttpMethod).toUpperCase()}`;
}

/** `{"method.request.header.X": true}`: CloudFormation may hand the booleans over as strings. */
function booleanMap(map: Record<string, unknown> | undefined): Record<string, boolean> | undefined {
  if (!map) return undefined;
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, asBoolean(value) ?? false]));
}
