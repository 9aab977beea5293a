import { header } from '../../../protocol/http.ts';
import type { PutObjectOutput, PutObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { checkKey, requireBucket, type S3Core } from '../core.ts';
import { uploadLock } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { headersFrom } from '../object-output.ts';
import type { ObjectRecord } from '../store.ts';
import { parseTaggingHeader } from '../tagging.ts';
import { carriesIntegrityCheck, receiveBody } from '../upload.ts';
import { commitObject } from './commit-object.ts';

/** Streams the body to disk, verifies it, then makes it the object under the key (atomically). */
export async function putObject(
  core: S3Core,
  input: PutObjectRequest,
  ctx: RequestContext,
): Promise<PutObjectOutput> {
  requireBucket(core, input.Bucket);
  checkKey(input.Key);
  const tags = parseTaggingHeader(input.Tagging);
  const lock = uploadLock(core, input.Bucket, input);
  const trailer = ctx.request ? header(ctx.request, 'x-amz-trailer') : undefined;
  // A version that will be locked (by the request or the bucket's default) must arrive with a digest.
  // (Stratus's own writes, such as BucketDeployment's, have no wire request: their bodies are local.)
  if (ctx.request && Object.keys(lock).length > 0 && !carriesIntegrityCheck(input, trailer))
    throw ObjectLockErrors.integrityRequired('Put Object');
  const { staged, checksum } = await receiveBody(core, input, trailer);
  const record: Omit<ObjectRecord, 'file'> = {
    bucket: input.Bucket,
    key: input.Key,
    size: staged.size,
    etag: `"${staged.md5}"`,
    lastModified: core.clock.now(),
    headers: headersFrom(input),
    metadata: input.Metadata ?? {},
    ...(checksum ? { checksum } : {}),
    ...(tags ? { tags } : {}),
    ...(input.StorageClass && input.StorageClass !== 'STANDARD' ? { storageClass: input.StorageClass } : {}),
    ...lock,
  };
  const committed = await commitObject(core, staged, record);
  core.events.objectCreated(ctx, 'Put', committed);
  const output: PutObjectOutput = { ETag: record.etag };
  if (committed.versionId !== undefined) output.VersionId = committed.versionId;
  if (checksum) output[`Checksum${checksum.algorithm}`] = checksum.value;
  return output;
}
