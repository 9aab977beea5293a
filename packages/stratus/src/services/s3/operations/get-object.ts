import type { GetObjectOutput, GetObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { findReadableObject } from '../access/missing-key.ts';
import { checkConditions } from '../conditions.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { hideUnreadableLock } from '../object-lock.ts';
import { objectOutput } from '../object-output.ts';
import { parseRange } from '../range.ts';

/** The object's body (a buffer, or a file stream when large) (206 with Content-Range for a range), conditions and overrides applied. */
export async function getObject(
  core: S3Core,
  input: GetObjectRequest,
  ctx?: RequestContext,
): Promise<GetObjectOutput> {
  requireBucket(core, input.Bucket);
  const object = findReadableObject(core, input, ctx, 'GET');
  checkConditions(object, input);
  const range = parseRange(input.Range, object.size);
  const output: GetObjectOutput = objectOutput(object, input.ChecksumMode === 'ENABLED' && !range);
  hideUnreadableLock(core, output, object, ctx);
  if (range) {
    output.ContentRange = `bytes ${range.start}-${range.end}/${object.size}`;
    output.ContentLength = range.end - range.start + 1;
  }
  // The whole object as a range too: a file body then knows where it ends (a short file is an error, not a short answer).
  const bytes = object.size === 0 ? undefined : (range ?? { start: 0, end: object.size - 1 });
  output.Body = await core.bodies.open(object.file, bytes);
  applyOverrides(output, input);
  const tagCount = Object.keys(object.tags ?? {}).length;
  if (tagCount > 0) output.TagCount = tagCount;
  return output;
}

/** `response-content-type` and its siblings replace the stored headers in this one answer. */
function applyOverrides(output: GetObjectOutput, input: GetObjectRequest): void {
  if (input.ResponseContentType !== undefined) output.ContentType = input.ResponseContentType;
  if (input.ResponseContentLanguage !== undefined) output.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseContentDisposition !== undefined)
    output.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) output.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseCacheControl !== undefined) output.CacheControl = input.ResponseCacheControl;
  if (input.ResponseExpires !== undefined) output.Expires = input.ResponseExpires;
}
