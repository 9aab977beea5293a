import type {
  CreateDistributionRequest,
  CreateDistributionResult,
  DeleteDistributionRequest,
  GetDistributionConfigRequest,
  GetDistributionConfigResult,
  GetDistributionRequest,
  GetDistributionResult,
  UpdateDistributionRequest,
  UpdateDistributionResult,
} from '../../../protocol/models/types/cloudfront.ts';
import type { RequestContext } from '../../service.ts';
import { withDefaults } from '../config.ts';
import { type CloudFrontCore, checkIfMatch, distributionOutput, requireDistribution } from '../core.ts';
import { CloudFrontErrors } from '../errors.ts';
import { domainLabel, etag, resourceId } from '../ids.ts';

export function createDistribution(
  core: CloudFrontCore,
  input: CreateDistributionRequest,
  ctx: RequestContext,
): CreateDistributionResult {
  const config = withDefaults(input.DistributionConfig);
  checkOrigins(config);
  const now = core.clock.now();
  const stored = {
    account: ctx.accountId,
    kind: 'distribution' as const,
    id: resourceId(),
    label: domainLabel(),
    etag: etag(),
    created: now,
    modified: now,
    config,
  };
  core.store.put(stored);
  return {
    Distribution: distributionOutput(core, stored),
    Location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${stored.id}`,
    ETag: stored.etag,
  };
}

export function getDistribution(
  core: CloudFrontCore,
  input: GetDistributionRequest,
  ctx: RequestContext,
): GetDistributionResult {
  const stored = requireDistribution(core, ctx.accountId, input.Id);
  return { Distribution: distributionOutput(core, stored), ETag: stored.etag };
}

export function getDistributionConfig(
  core: CloudFrontCore,
  input: GetDistributionConfigRequest,
  ctx: RequestContext,
): GetDistributionConfigResult {
  const stored = requireDistribution(core, ctx.accountId, input.Id);
  return { DistributionConfig: stored.config, ETag: stored.etag };
}

export function updateDistribution(
  core: CloudFrontCore,
  input: UpdateDistributionRequest,
  ctx: RequestContext,
): UpdateDistributionResult {
  const stored = requireDistribution(core, ctx.accountId, input.Id);
  checkIfMatch(stored, input.IfMatch);
  const config = withDefaults(input.DistributionConfig);
  checkOrigins(config);
  const updated = { ...stored, etag: etag(), modified: core.clock.now(), config };
  core.store.put(updated);
  return { Distribution: distributionOutput(core, updated), ETag: updated.etag };
}

/** Only a disabled distribution can be deleted, as on AWS (CloudFormation disables it first). */
export function deleteDistribution(
  core: CloudFrontCore,
  input: DeleteDistributionRequest,
  ctx: RequestContext,
): void {
  const stored = requireDistribution(core, ctx.accountId, input.Id);
  checkIfMatch(stored, input.IfMatch);
  if (stored.config.Enabled) throw CloudFrontErrors.notDisabled();
  core.store.delete('distribution', stored.id);
}

/** Every behaviour must target one of the distribution's origins. */
function checkOrigins(config: CreateDistributionRequest['DistributionConfig']): void {
  const ids = new Set((config.Origins.Items ?? []).map((origin) => origin.Id));
  const targets = [config.DefaultCacheBehavior, ...(config.CacheBehaviors?.Items ?? [])].map(
    (b) => b.TargetOriginId,
  );
  const missing = targets.find((target) => !ids.has(target));
  if (missing !== undefined) throw CloudFrontErrors.noSuchOrigin();
}
