import type { CreateBucketOutput, CreateBucketRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { isValidBucketName } from '../bucket-names.ts';
import type { S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';

/**
 * Creates a bucket in the request's region. Outside us-east-1 the LocationConstraint must name
 * that region; in us-east-1 it must be absent. Re-creating one's own bucket in us-east-1
 * succeeds (AWS's legacy behaviour there); elsewhere it is BucketAlreadyOwnedByYou.
 */
export function createBucket(
  core: S3Core,
  input: CreateBucketRequest,
  ctx: RequestContext,
): CreateBucketOutput {
  const name = input.Bucket;
  if (!isValidBucketName(name)) throw S3Errors.invalidBucketName(name);
  const constraint: string | undefined = input.CreateBucketConfiguration?.LocationConstraint;
  if (constraint === 'us-east-1') throw S3Errors.invalidLocationConstraint(constraint);
  const region = constraint === 'EU' ? 'eu-west-1' : (constraint ?? 'us-east-1');
  if (region !== ctx.region) throw S3Errors.illegalLocationConstraint(constraint);
  const existing = core.store.bucket(name);
  if (existing) {
    if (existing.account !== ctx.accountId) throw S3Errors.bucketAlreadyExists(name);
    if (existing.region !== 'us-east-1' || region !== 'us-east-1')
      throw S3Errors.bucketAlreadyOwnedByYou(name);
    return { Location: `/${name}` };
  }
  core.store.createBucket({ name, account: ctx.accountId, region, createdAt: core.clock.now() });
  // x-amz-bucket-object-lock-enabled: Object Lock needs versioning, which S3 turns on with it.
  if (input.ObjectLockEnabledForBucket) {
    core.configs.put(name, 'versioning', { Status: 'Enabled' });
    core.configs.put(name, 'objectLock', { ObjectLockEnabled: 'Enabled' });
  }
  return { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.${region}.localhost/` };
}
