import type { HeadObjectOutput, HeadObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { findReadableObject } from '../access/missing-key.ts';
import { checkConditions } from '../conditions.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { hideUnreadableLock } from '../object-lock.ts';
import { objectOutput } from '../object-output.ts';
import { parseRange } from '../range.ts';

export function headObject(core: S3Core, input: HeadObjectRequest, ctx?: RequestContext): HeadObjectOutput {
  requireBucket(core, input.Bucket);
  const object = findReadableObject(core, input, ctx, 'HEAD');
  checkConditions(object, input);
  const range = parseRange(input.Range, object.size);
  const output = objectOutput(object, input.ChecksumMode === 'ENABLED' && !range);
  hideUnreadableLock(core, output, object, ctx);
  if (range) output.ContentLength = range.end - range.start + 1;
  return output;
}
