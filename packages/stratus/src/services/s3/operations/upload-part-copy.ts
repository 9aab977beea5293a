import type { UploadPartCopyOutput, UploadPartCopyRequest } from '../../../protocol/models/types/s3.ts';
import { parseCopySource } from '../copy-source.ts';
import { requireBucket, requireUpload, type S3Core } from '../core.ts';
import { MultipartErrors, S3Errors } from '../errors.ts';
import type { ByteRange } from '../range.ts';
import { MAX_PUT_BYTES } from '../upload.ts';
import { checkCopyConditions, copySource } from './copy-object.ts';

const COPY_RANGE = /^bytes=(\d+)-(\d+)$/;

/** A part copied from an existing object (all of it, or `x-amz-copy-source-range`), streamed file to file. */
export async function uploadPartCopy(
  core: S3Core,
  input: UploadPartCopyRequest,
): Promise<UploadPartCopyOutput> {
  const source = parseCopySource(input.CopySource);
  requireBucket(core, source.bucket);
  requireBucket(core, input.Bucket);
  const upload = requireUpload(core, input.UploadId, input.Bucket, input.Key);
  if (!Number.isInteger(input.PartNumber) || input.PartNumber < 1 || input.PartNumber > 10_000)
    throw MultipartErrors.invalidPartNumber(input.PartNumber);
  const object = copySource(core, source);
  checkCopyConditions(object, input);
  const range = copyRange(input.CopySourceRange, object.size);
  const length = range ? range.end - range.start + 1 : object.size;
  if (length > MAX_PUT_BYTES) throw S3Errors.entityTooLarge(length, MAX_PUT_BYTES);
  const body = object.size === 0 ? Buffer.alloc(0) : await core.bodies.read(object.file, range);
  const algorithm = upload.checksumAlgorithm;
  const staged = await core.bodies.stage(body, algorithm ? [algorithm] : []);
  const checksum = algorithm ? { algorithm, value: staged.checksums[algorithm]! } : undefined;
  const lastModified = core.clock.now();
  const result = await core.bodies.publish(staged, (file) => {
    const put = core.uploads.putPart(input.UploadId, {
      partNumber: input.PartNumber,
      size: staged.size,
      md5: staged.md5,
      lastModified,
      file,
      ...(checksum ? { checksum } : {}),
    });
    // Aborted or completed while the part streamed in: the body goes with the failed commit.
    if (!put.exists) throw S3Errors.noSuchUpload(input.UploadId);
    return put;
  });
  if (result.replaced) await core.bodies.remove(result.replaced.file);
  return {
    ...(object.versionId !== undefined ? { CopySourceVersionId: object.versionId } : {}),
    CopyPartResult: {
      ETag: `"${staged.md5}"`,
      LastModified: new Date(lastModified),
      ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value } : {}),
    },
  };
}

function copyRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = COPY_RANGE.exec(header.trim());
  if (!match)
    throw S3Errors.invalidArgument(
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      'x-amz-copy-source-range',
      header,
    );
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > end || end >= size)
    throw S3Errors.invalidRequest('The specified copy range is invalid for the source object size');
  return { start, end };
}
