import type { HeadObjectOutput, HeadObjectRequest } from '../../../protocol/models/types/s3.ts';
import { checkConditions } from '../conditions.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { objectOutput } from '../object-output.ts';
import { parseRange } from '../range.ts';

export function headObject(core: S3Core, input: HeadObjectRequest): HeadObjectOutput {
  requireBucket(core, input.Bucket);
  const object = core.store.object(input.Bucket, input.Key);
  if (!object) throw S3Errors.noSuchKey(input.Key);
  checkConditions(object, input);
  const range = parseRange(input.Range, object.size);
  const output = objectOutput(object, input.ChecksumMode === 'ENABLED' && !range);
  if (range) output.ContentLength = range.end - range.start + 1;
  return output;
}
