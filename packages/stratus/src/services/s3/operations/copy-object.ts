import { isAwsError } from '../../../protocol/errors.ts';
import type { CopyObjectOutput, CopyObjectRequest } from '../../../protocol/models/types/s3.ts';
import { isChecksumAlgorithm } from '../checksums.ts';
import { checkConditions } from '../conditions.ts';
import { parseCopySource } from '../copy-source.ts';
import { checkKey, requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { headersFrom } from '../object-output.ts';
import { commitObject } from './commit-object.ts';

/**
 * Copies an object's bytes (streamed file to file) under a new key. MetadataDirective COPY
 * (the default) keeps the source's metadata and content headers, REPLACE takes the request's.
 */
export async function copyObject(core: S3Core, input: CopyObjectRequest): Promise<CopyObjectOutput> {
  const source = parseCopySource(input.CopySource);
  requireBucket(core, source.bucket);
  requireBucket(core, input.Bucket);
  checkKey(input.Key);
  const object = core.store.object(source.bucket, source.key);
  if (!object) throw S3Errors.noSuchKey(source.key);
  checkCopyConditions(object, input);
  const replace = input.MetadataDirective === 'REPLACE';
  if (source.bucket === input.Bucket && source.key === input.Key && !replace && !input.StorageClass)
    throw S3Errors.copyToItself();
  const requested = input.ChecksumAlgorithm?.toUpperCase();
  const algorithm =
    requested && isChecksumAlgorithm(requested) ? requested : (object.checksum?.algorithm ?? undefined);
  const staged = await core.bodies.stage(await core.bodies.read(object.file), algorithm ? [algorithm] : []);
  const record = await commitObject(core, staged, {
    bucket: input.Bucket,
    key: input.Key,
    size: staged.size,
    etag: `"${staged.md5}"`,
    lastModified: core.clock.now(),
    headers: replace ? headersFrom(input) : object.headers,
    metadata: replace ? (input.Metadata ?? {}) : object.metadata,
    ...(algorithm ? { checksum: { algorithm, value: staged.checksums[algorithm]! } } : {}),
  });
  return {
    CopyObjectResult: {
      ETag: record.etag,
      LastModified: new Date(record.lastModified),
      ...(record.checksum ? { [`Checksum${record.checksum.algorithm}`]: record.checksum.value } : {}),
    },
  };
}

/** The x-amz-copy-source-if-* headers: any that fails is 412 (never 304, for a copy). */
function checkCopyConditions(object: Parameters<typeof checkConditions>[0], input: CopyObjectRequest): void {
  try {
    checkConditions(object, {
      IfMatch: input.CopySourceIfMatch,
      IfNoneMatch: input.CopySourceIfNoneMatch,
      IfModifiedSince: input.CopySourceIfModifiedSince,
      IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
    });
  } catch (error) {
    if (isAwsError(error) && error.code === 'NotModified')
      throw S3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
    throw error;
  }
}
