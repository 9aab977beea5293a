import { isAwsError } from '../../../protocol/errors.ts';
import type { CopyObjectOutput, CopyObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { isChecksumAlgorithm } from '../checksums.ts';
import { checkConditions } from '../conditions.ts';
import { parseCopySource } from '../copy-source.ts';
import { checkKey, requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { uploadLock } from '../object-lock.ts';
import { headersFrom } from '../object-output.ts';
import { parseTaggingHeader } from '../tagging.ts';
import { findObject } from '../versioning.ts';
import { commitObject } from './commit-object.ts';

/**
 * Copies an object's bytes (streamed file to file) under a new key. MetadataDirective COPY
 * (the default) keeps the source's metadata and content headers, REPLACE takes the request's.
 */
export async function copyObject(
  core: S3Core,
  input: CopyObjectRequest,
  ctx: RequestContext,
): Promise<CopyObjectOutput> {
  const source = parseCopySource(input.CopySource);
  requireBucket(core, source.bucket);
  requireBucket(core, input.Bucket);
  checkKey(input.Key);
  const object = copySource(core, source);
  checkCopyConditions(object, input);
  const replace = input.MetadataDirective === 'REPLACE';
  const sameObject = source.bucket === input.Bucket && source.key === input.Key && !source.versionId;
  if (sameObject && !replace && !input.StorageClass) throw S3Errors.copyToItself();
  // The copy's lock comes from the request or the destination's default, never from the source.
  const lock = uploadLock(core, input.Bucket, input);
  const tags = input.TaggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging ?? '') : object.tags;
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
    ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
    ...(input.StorageClass && input.StorageClass !== 'STANDARD' ? { storageClass: input.StorageClass } : {}),
    ...lock,
  });
  core.events.objectCreated(ctx, 'Copy', record);
  return {
    ...(object.versionId !== undefined ? { CopySourceVersionId: object.versionId } : {}),
    ...(record.versionId !== undefined ? { VersionId: record.versionId } : {}),
    CopyObjectResult: {
      ETag: record.etag,
      LastModified: new Date(record.lastModified),
      ...(record.checksum ? { [`Checksum${record.checksum.algorithm}`]: record.checksum.value } : {}),
    },
  };
}

/** The x-amz-copy-source-if-* headers: any that fails is 412 (never 304, for a copy). */
export function checkCopyConditions(
  object: Parameters<typeof checkConditions>[0],
  input: Pick<
    CopyObjectRequest,
    | 'CopySourceIfMatch'
    | 'CopySourceIfNoneMatch'
    | 'CopySourceIfModifiedSince'
    | 'CopySourceIfUnmodifiedSince'
  >,
): void {
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

/** The object a copy reads: the source's current version, or the version it names (never a delete marker). */
export function copySource(core: S3Core, source: { bucket: string; key: string; versionId?: string }) {
  try {
    return findObject(core, source.bucket, source.key, source.versionId);
  } catch (error) {
    if (isAwsError(error) && error.code === 'MethodNotAllowed')
      throw S3Errors.invalidRequest(
        'The source of a copy request may not specifically refer to a delete marker by version id.',
      );
    throw error;
  }
}
