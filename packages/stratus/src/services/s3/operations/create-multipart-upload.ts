import { randomBytes } from 'node:crypto';
import type {
  CreateMultipartUploadOutput,
  CreateMultipartUploadRequest,
} from '../../../protocol/models/types/s3.ts';
import { isChecksumAlgorithm } from '../checksums.ts';
import { checkKey, requireBucket, type S3Core } from '../core.ts';
import { requestedLock } from '../object-lock.ts';
import { headersFrom } from '../object-output.ts';
import { parseTaggingHeader } from '../tagging.ts';

export function createMultipartUpload(
  core: S3Core,
  input: CreateMultipartUploadRequest,
): CreateMultipartUploadOutput {
  requireBucket(core, input.Bucket);
  checkKey(input.Key);
  const tags = parseTaggingHeader(input.Tagging);
  const lock = requestedLock(core, input.Bucket, input);
  const named = input.ChecksumAlgorithm?.toUpperCase();
  const checksumAlgorithm = named && isChecksumAlgorithm(named) ? named : undefined;
  const uploadId = randomBytes(32).toString('base64url');
  core.uploads.createUpload({
    uploadId,
    bucket: input.Bucket,
    key: input.Key,
    initiated: core.clock.now(),
    headers: headersFrom(input),
    metadata: input.Metadata ?? {},
    ...(tags ? { tags } : {}),
    ...(input.StorageClass && input.StorageClass !== 'STANDARD' ? { storageClass: input.StorageClass } : {}),
    ...(Object.keys(lock).length > 0 ? { lock } : {}),
    ...(checksumAlgorithm ? { checksumAlgorithm } : {}),
  });
  return {
    Bucket: input.Bucket,
    Key: input.Key,
    UploadId: uploadId,
    ...(checksumAlgorithm ? { ChecksumAlgorithm: checksumAlgorithm } : {}),
  };
}
