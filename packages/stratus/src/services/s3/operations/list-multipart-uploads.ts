import type {
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  MultipartUpload,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, requireBucket, type S3Core } from '../core.ts';
import { keyEncoder } from '../listing.ts';

/**
 * Uploads in progress by key, then initiation; rolled up by the delimiter; paged by key-marker
 * (with upload-id-marker: the uploads of that key after that one) and max-uploads (1,000).
 */
export function listMultipartUploads(
  core: S3Core,
  input: ListMultipartUploadsRequest,
  ctx: RequestContext,
): ListMultipartUploadsOutput {
  requireBucket(core, input.Bucket);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const maxUploads = Math.min(Math.max(0, input.MaxUploads ?? 1000), 1000);
  const keyMarker = input.KeyMarker || undefined;
  const all = core.uploads.uploadsOf(input.Bucket).filter((upload) => upload.key.startsWith(prefix));
  const markerIndex =
    keyMarker && input.UploadIdMarker
      ? all.findIndex((u) => u.key === keyMarker && u.uploadId === input.UploadIdMarker)
      : -1;
  const remaining = all.filter((upload, index) => {
    if (keyMarker === undefined) return true;
    if (upload.key > keyMarker) return true;
    return markerIndex !== -1 && upload.key === keyMarker && index > markerIndex;
  });
  const owner = ownerOf(ctx.accountId);
  const encode = keyEncoder(input.EncodingType);
  const uploads: MultipartUpload[] = [];
  const commonPrefixes: string[] = [];
  let truncated = false;
  let last: { key: string; uploadId?: string } | undefined;
  for (const upload of remaining) {
    const at = delimiter ? upload.key.indexOf(delimiter, prefix.length) : -1;
    const common = at === -1 ? undefined : upload.key.slice(0, at + delimiter!.length);
    if (common !== undefined && common === last?.key) continue;
    if (uploads.length + commonPrefixes.length === maxUploads) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
      last = { key: common };
      continue;
    }
    last = { key: upload.key, uploadId: upload.uploadId };
    uploads.push({
      UploadId: upload.uploadId,
      Key: encode(upload.key),
      Initiated: new Date(upload.initiated),
      StorageClass: upload.storageClass ?? 'STANDARD',
      Owner: owner,
      Initiator: { ID: owner.ID, DisplayName: owner.DisplayName },
    });
  }
  return {
    Bucket: input.Bucket,
    KeyMarker: encode(input.KeyMarker ?? ''),
    UploadIdMarker: input.UploadIdMarker ?? '',
    ...(truncated && last ? { NextKeyMarker: encode(last.key) } : {}),
    ...(truncated && last?.uploadId ? { NextUploadIdMarker: last.uploadId } : {}),
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Uploads: uploads,
    CommonPrefixes: commonPrefixes.map((common) => ({ Prefix: encode(common) })),
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
  };
}
