import type { GetBucketLocationOutput, GetBucketLocationRequest } from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';

/** us-east-1 buckets answer an empty LocationConstraint, as AWS does. */
export function getBucketLocation(core: S3Core, input: GetBucketLocationRequest): GetBucketLocationOutput {
  const { region } = requireBucket(core, input.Bucket);
  return region === 'us-east-1'
    ? {}
    : { LocationConstraint: region as GetBucketLocationOutput['LocationConstraint'] };
}
