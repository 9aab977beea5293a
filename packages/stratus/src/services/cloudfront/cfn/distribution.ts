import { randomUUID } from 'node:crypto';
import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type {
  CreateDistributionResult,
  DistributionConfig,
  GetDistributionResult,
  UpdateDistributionResult,
} from '../../../protocol/models/types/cloudfront.ts';
import type { Operation } from '../../service.ts';
import { apiForm } from './api-form.ts';

interface DistributionProps {
  readonly DistributionConfig: Record<string, unknown>;
  readonly Tags?: unknown;
}

/**
 * AWS::CloudFront::Distribution through CreateDistribution, UpdateDistribution (If-Match the
 * current ETag) and DeleteDistribution (disabled first, as CloudFormation does). `Ref` is the id;
 * `DomainName` is the host and port viewers reach it at in Stratus (docs/cloudfront.md).
 */
export function distributionProvider(
  operations: Readonly<Record<string, Operation>>,
): ResourceProvider<DistributionProps> {
  const call = async <T>(operation: string, input: Record<string, unknown>, ctx: ResourceContext) =>
    (await operations[operation]!(input, requestContext(ctx, 'cloudfront', operation))) as T;
  const config = (props: DistributionProps, callerReference: string) =>
    apiForm<DistributionConfig>('DistributionConfig', {
      Comment: '',
      ...props.DistributionConfig,
      CallerReference: callerReference,
    });
  const attributes = (distribution: { Id: string; DomainName: string }) => ({
    Id: distribution.Id,
    DomainName: distribution.DomainName,
  });
  return {
    async create(props, ctx) {
      const input = {
        DistributionConfig: config(props, `${ctx.stackName}-${ctx.logicalId}-${randomUUID()}`),
      };
      const { Distribution } = await call<CreateDistributionResult>('CreateDistribution', input, ctx);
      return { physicalId: Distribution!.Id, attributes: attributes(Distribution!) };
    },
    async update(physicalId, props, _previous, ctx) {
      const current = await call<GetDistributionResult>('GetDistribution', { Id: physicalId }, ctx);
      const reference = current.Distribution!.DistributionConfig.CallerReference;
      const { Distribution } = await call<UpdateDistributionResult>(
        'UpdateDistribution',
        { Id: physicalId, IfMatch: current.ETag, DistributionConfig: config(props, reference) },
        ctx,
      );
      return { physicalId, attributes: attributes(Distribution!) };
    },
    async delete(physicalId, _props, ctx) {
      try {
        let current = await call<GetDistributionResult>('GetDistribution', { Id: physicalId }, ctx);
        const distributionConfig = current.Distribution!.DistributionConfig;
        if (distributionConfig.Enabled) {
          current = await call<UpdateDistributionResult>(
            'UpdateDistribution',
            {
              Id: physicalId,
              IfMatch: current.ETag,
              DistributionConfig: { ...distributionConfig, Enabled: false },
            },
            ctx,
          );
        }
        await call('DeleteDistribution', { Id: physicalId, IfMatch: current.ETag }, ctx);
      } catch (error) {
        if (!(isAwsError(error) && error.code === 'NoSuchDistribution')) throw error;
      }
    },
  };
}
