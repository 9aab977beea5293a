import type {
  AbortMultipartUploadOutput,
  AbortMultipartUploadRequest,
} from '../../../protocol/models/types/s3.ts';
import { requireBucket, requireUpload, type S3Core } from '../core.ts';

export async function abortMultipartUpload(
  core: S3Core,
  input: AbortMultipartUploadRequest,
): Promise<AbortMultipartUploadOutput> {
  requireBucket(core, input.Bucket);
  requireUpload(core, input.UploadId, input.Bucket, input.Key);
  for (const part of core.uploads.deleteUpload(input.UploadId)) await core.bodies.remove(part.file);
  return {};
}
