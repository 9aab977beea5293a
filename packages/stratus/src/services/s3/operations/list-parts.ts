import type { ListPartsOutput, ListPartsRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, requireBucket, requireUpload, type S3Core } from '../core.ts';

/** The parts received so far, by part number, paged by part-number-marker and max-parts (1,000). */
export function listParts(core: S3Core, input: ListPartsRequest, ctx: RequestContext): ListPartsOutput {
  requireBucket(core, input.Bucket);
  const upload = requireUpload(core, input.UploadId, input.Bucket, input.Key);
  const maxParts = Math.min(Math.max(0, input.MaxParts ?? 1000), 1000);
  const marker = input.PartNumberMarker ?? 0;
  const remaining = core.uploads.parts(input.UploadId).filter((part) => part.partNumber > marker);
  const page = remaining.slice(0, maxParts);
  const truncated = remaining.length > page.length;
  const owner = ownerOf(ctx.accountId);
  return {
    Bucket: input.Bucket,
    Key: input.Key,
    UploadId: input.UploadId,
    PartNumberMarker: marker,
    ...(truncated ? { NextPartNumberMarker: page.at(-1)?.partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: truncated,
    Parts: page.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: new Date(part.lastModified),
      ETag: `"${part.md5}"`,
      Size: part.size,
      ...(part.checksum ? { [`Checksum${part.checksum.algorithm}`]: part.checksum.value } : {}),
    })),
    Initiator: { ID: owner.ID, DisplayName: owner.DisplayName },
    Owner: owner,
    StorageClass: upload.storageClass ?? 'STANDARD',
    ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm } : {}),
  };
}
