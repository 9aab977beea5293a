import { header } from '../../../protocol/http.ts';
import type { PutObjectOutput, PutObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { checkKey, requireBucket, type S3Core } from '../core.ts';
import { headersFrom } from '../object-output.ts';
import type { ObjectRecord } from '../store.ts';
import { parseTaggingHeader } from '../tagging.ts';
import { receiveBody } from '../upload.ts';
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
  const trailer = ctx.request ? header(ctx.request, 'x-amz-trailer') : undefined;
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
  };
  const committed = await commitObject(core, staged, record);
  core.events.objectCreated(ctx, 'Put', committed);
  const output: PutObjectOutput = { ETag: record.etag };
  if (committed.versionId !== undefined) output.VersionId = committed.versionId;
  if (checksum) output[`Checksum${checksum.algorithm}`] = checksum.value;
  return output;
}
