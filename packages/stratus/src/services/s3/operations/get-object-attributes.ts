import type {
  GetObjectAttributesOutput,
  GetObjectAttributesRequest,
} from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { findObject } from '../versioning.ts';

/**
 * The attributes asked for in `x-amz-object-attributes`: ETag (unquoted, as this operation
 * answers it), Checksum, ObjectParts (the count; per-part details are not kept), StorageClass,
 * ObjectSize.
 */
export function getObjectAttributes(
  core: S3Core,
  input: GetObjectAttributesRequest,
): GetObjectAttributesOutput {
  requireBucket(core, input.Bucket);
  const object = findObject(core, input.Bucket, input.Key, input.VersionId);
  const wanted = new Set(input.ObjectAttributes);
  const output: GetObjectAttributesOutput = { LastModified: new Date(object.lastModified) };
  if (object.versionId !== undefined) output.VersionId = object.versionId;
  if (wanted.has('ETag')) output.ETag = object.etag.replace(/^"(.*)"$/, '$1');
  if (wanted.has('Checksum') && object.checksum)
    output.Checksum = { [`Checksum${object.checksum.algorithm}`]: object.checksum.value };
  if (wanted.has('ObjectParts') && object.partsCount !== undefined)
    output.ObjectParts = { TotalPartsCount: object.partsCount };
  if (wanted.has('StorageClass')) output.StorageClass = object.storageClass ?? 'STANDARD';
  if (wanted.has('ObjectSize')) output.ObjectSize = object.size;
  return output;
}
