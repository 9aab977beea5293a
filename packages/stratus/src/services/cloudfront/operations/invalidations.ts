import type {
  CreateInvalidationRequest,
  CreateInvalidationResult,
  GetInvalidationRequest,
  GetInvalidationResult,
  Invalidation,
  InvalidationBatch,
  ListInvalidationsRequest,
  ListInvalidationsResult,
} from '../../../protocol/models/types/cloudfront.ts';
import type { RequestContext } from '../../service.ts';
import { type CloudFrontCore, requireDistribution } from '../core.ts';
import { CloudFrontErrors } from '../errors.ts';
import { invalidationId } from '../ids.ts';
import type { StoredResource } from '../store.ts';

/**
 * Stratus has no edge cache (every viewer request goes to the origin), so an invalidation has
 * nothing to do: it is recorded and reported Completed, with AWS's answer shape.
 */
export function createInvalidation(
  core: CloudFrontCore,
  input: CreateInvalidationRequest,
  ctx: RequestContext,
): CreateInvalidationResult {
  const distribution = requireDistribution(core, ctx.accountId, input.DistributionId);
  const paths = input.InvalidationBatch.Paths;
  if ((paths.Items?.length ?? 0) !== paths.Quantity) throw CloudFrontErrors.inconsistentQuantities();
  const now = core.clock.now();
  const stored: StoredResource<InvalidationBatch> = {
    account: ctx.accountId,
    kind: 'invalidation',
    id: invalidationId(),
    parent: distribution.id,
    etag: '',
    created: now,
    modified: now,
    config: input.InvalidationBatch,
  };
  core.store.put(stored);
  return {
    Location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distribution.id}/invalidation/${stored.id}`,
    Invalidation: invalidation(stored),
  };
}

export function getInvalidation(
  core: CloudFrontCore,
  input: GetInvalidationRequest,
  ctx: RequestContext,
): GetInvalidationResult {
  requireDistribution(core, ctx.accountId, input.DistributionId);
  const stored = core.store.get<InvalidationBatch>(ctx.accountId, 'invalidation', input.Id);
  if (!stored || stored.parent !== input.DistributionId) throw CloudFrontErrors.noSuchInvalidation();
  return { Invalidation: invalidation(stored) };
}

export function listInvalidations(
  core: CloudFrontCore,
  input: ListInvalidationsRequest,
  ctx: RequestContext,
): ListInvalidationsResult {
  requireDistribution(core, ctx.accountId, input.DistributionId);
  const items = core.store
    .list<InvalidationBatch>(ctx.accountId, 'invalidation', input.DistributionId)
    .sort((a, b) => b.created - a.created)
    .map((stored) => ({ Id: stored.id, CreateTime: new Date(stored.created), Status: 'Completed' }));
  return {
    InvalidationList: {
      Marker: input.Marker ?? '',
      MaxItems: Number(input.MaxItems ?? 100),
      IsTruncated: false,
      Quantity: items.length,
      ...(items.length > 0 ? { Items: items } : {}),
    },
  };
}

function invalidation(stored: StoredResource<InvalidationBatch>): Invalidation {
  return {
    Id: stored.id,
    Status: 'Completed',
    CreateTime: new Date(stored.created),
    InvalidationBatch: stored.config,
  };
}
