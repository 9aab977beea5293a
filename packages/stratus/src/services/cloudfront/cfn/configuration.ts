import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { Operation } from '../../service.ts';
import { apiForm } from './api-form.ts';

interface ConfigurationResource {
  readonly Id: string;
  readonly S3CanonicalUserId?: string;
  readonly LastModifiedTime?: Date;
}

/**
 * AWS::CloudFront::OriginAccessControl, ::CloudFrontOriginAccessIdentity, ::CachePolicy,
 * ::OriginRequestPolicy and ::ResponseHeadersPolicy: the `<name>Config` property in the API's
 * form through Create<name>; Delete<name> with the ETag Get<name> returns. A changed
 * configuration replaces the resource (CloudFormation updates what refers to it by Ref).
 */
export function configurationProvider(
  operations: Readonly<Record<string, Operation>>,
  name: string,
): ResourceProvider {
  const configName = `${name}Config`;
  const call = (operation: string, input: Record<string, unknown>, ctx: ResourceContext) =>
    operations[operation]!(input, requestContext(ctx, 'cloudfront', operation)) as Promise<
      Record<string, unknown>
    >;
  return {
    async create(props, ctx) {
      const config = apiForm<Record<string, unknown>>(configName, props[configName] ?? {});
      const output = await call(`Create${name}`, { [configName]: config }, ctx);
      const resource = output[name] as ConfigurationResource;
      return {
        physicalId: resource.Id,
        attributes: {
          Id: resource.Id,
          ...(resource.S3CanonicalUserId ? { S3CanonicalUserId: resource.S3CanonicalUserId } : {}),
          ...(resource.LastModifiedTime ? { LastModifiedTime: resource.LastModifiedTime.toISOString() } : {}),
        },
      };
    },
    async delete(physicalId, _props, ctx) {
      try {
        const { ETag } = await call(`Get${name}`, { Id: physicalId }, ctx);
        await call(`Delete${name}`, { Id: physicalId, IfMatch: ETag }, ctx);
      } catch (error) {
        if (!(isAwsError(error) && error.status === 404)) throw error;
      }
    },
  };
}
