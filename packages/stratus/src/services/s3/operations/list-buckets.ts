import type { ListBucketsOutput } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, type S3Core } from '../core.ts';

/** Every bucket the account owns, in every region, by name. */
export function listBuckets(core: S3Core, _input: unknown, ctx: RequestContext): ListBucketsOutput {
  return {
    Buckets: core.store
      .buckets(ctx.accountId)
      .map((bucket) => ({ Name: bucket.name, CreationDate: new Date(bucket.createdAt) })),
    Owner: ownerOf(ctx.accountId),
  };
}
