import type { HeadBucketRequest } from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';

/** 200 when the bucket exists (the answer's headers name its region), 404 otherwise. */
export function headBucket(core: S3Core, input: HeadBucketRequest): Record<string, never> {
  requireBucket(core, input.Bucket);
  return {};
}
