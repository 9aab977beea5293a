import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  CompleteMultipartUploadOutput,
  CompleteMultipartUploadRequest,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { compositeChecksum } from '../checksums.ts';
import { etagMatches } from '../conditions.ts';
import { requireBucket, requireUpload, type S3Core } from '../core.ts';
import { MultipartErrors, S3Errors } from '../errors.ts';
import { withDefaultRetention } from '../object-lock.ts';
import type { PartRecord } from '../uploads-store.ts';
import { commitObject } from './commit-object.ts';

const MIN_PART_BYTES = 5 * 1024 * 1024;

/**
 * Joins the named parts, in order, into the object (one new file, written and fsynced like any
 * upload). Every part but the last must be at least 5 MB. The ETag is S3's: the MD5 of the
 * parts' binary MD5s, `-N`.
 */
export async function completeMultipartUpload(
  core: S3Core,
  input: CompleteMultipartUploadRequest,
  ctx: RequestContext,
): Promise<CompleteMultipartUploadOutput> {
  requireBucket(core, input.Bucket);
  const upload = requireUpload(core, input.UploadId, input.Bucket, input.Key);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0) throw S3Errors.malformedXml();
  const chosen: PartRecord[] = [];
  const algorithm = upload.checksumAlgorithm;
  for (const [index, entry] of requested.entries()) {
    const { PartNumber, ETag } = entry;
    if (PartNumber === undefined) throw S3Errors.malformedXml();
    if (index > 0 && PartNumber <= requested[index - 1]!.PartNumber!)
      throw MultipartErrors.invalidPartOrder();
    const part = core.uploads.part(input.UploadId, PartNumber);
    if (!part || ETag === undefined || !etagMatches(ETag, part.md5))
      throw MultipartErrors.invalidPart(PartNumber, ETag);
    if (algorithm) {
      const claimed = entry[`Checksum${algorithm}`];
      if (claimed === undefined) throw MultipartErrors.missingPartChecksum(algorithm, PartNumber);
      if (claimed !== part.checksum?.value) throw MultipartErrors.invalidPart(PartNumber, ETag);
    }
    chosen.push(part);
  }
  for (const part of chosen.slice(0, -1)) {
    if (part.size < MIN_PART_BYTES) throw MultipartErrors.entityTooSmall(part.size);
  }
  const staged = await core.bodies.stage(Readable.from(concatenated(core, chosen)), []);
  const digest = createHash('md5');
  for (const part of chosen) digest.update(Buffer.from(part.md5, 'hex'));
  const etag = `"${digest.digest('hex')}-${chosen.length}"`;
  const checksum = algorithm
    ? {
        algorithm,
        value: compositeChecksum(
          algorithm,
          chosen.map((part) => part.checksum!.value),
        ),
      }
    : undefined;
  const record = await commitObject(core, staged, {
    bucket: input.Bucket,
    key: input.Key,
    size: staged.size,
    etag,
    lastModified: core.clock.now(),
    headers: upload.headers,
    metadata: upload.metadata,
    partsCount: chosen.length,
    ...(checksum ? { checksum } : {}),
    ...(upload.tags ? { tags: upload.tags } : {}),
    ...(upload.storageClass ? { storageClass: upload.storageClass } : {}),
    ...withDefaultRetention(core, input.Bucket, upload.lock ?? {}),
  });
  for (const part of core.uploads.deleteUpload(input.UploadId)) await core.bodies.remove(part.file);
  core.events.objectCreated(ctx, 'CompleteMultipartUpload', record);
  return {
    Bucket: input.Bucket,
    Key: input.Key,
    ETag: etag,
    Location: `/${input.Bucket}/${input.Key}`,
    ...(record.versionId !== undefined ? { VersionId: record.versionId } : {}),
    ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value } : {}),
  };
}

async function* concatenated(core: S3Core, parts: readonly PartRecord[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    for await (const chunk of await core.bodies.read(part.file)) yield chunk as Buffer;
  }
}
