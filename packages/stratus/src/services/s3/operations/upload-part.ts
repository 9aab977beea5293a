import { header } from '../../../protocol/http.ts';
import type { UploadPartOutput, UploadPartRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { requireBucket, requireUpload, type S3Core } from '../core.ts';
import { MultipartErrors, S3Errors } from '../errors.ts';
import { lockConfiguration } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { carriesIntegrityCheck, receiveBody, requestedAlgorithm } from '../upload.ts';

/** Streams one part to disk; a part sent again under the same number replaces the earlier one. */
export async function uploadPart(
  core: S3Core,
  input: UploadPartRequest,
  ctx: RequestContext,
): Promise<UploadPartOutput> {
  requireBucket(core, input.Bucket);
  const upload = requireUpload(core, input.UploadId, input.Bucket, input.Key);
  if (!Number.isInteger(input.PartNumber) || input.PartNumber < 1 || input.PartNumber > 10_000)
    throw MultipartErrors.invalidPartNumber(input.PartNumber);
  const trailer = ctx.request ? header(ctx.request, 'x-amz-trailer') : undefined;
  const locked = upload.lock !== undefined || lockConfiguration(core, input.Bucket)?.Rule !== undefined;
  if (ctx.request && locked && !carriesIntegrityCheck(input, trailer))
    throw ObjectLockErrors.integrityRequired('Put Part');
  // An upload created with a checksum algorithm takes parts of that algorithm only, and computes it when a part names none.
  const expected = upload.checksumAlgorithm;
  const declared = requestedAlgorithm(input, trailer);
  if (expected && declared && declared !== expected)
    throw MultipartErrors.checksumTypeMismatch(expected, declared);
  const body = expected && !declared ? { ...input, ChecksumAlgorithm: expected } : input;
  const { staged, checksum } = await receiveBody(core, body, trailer);
  const result = await core.bodies.publish(staged, (file) => {
    const put = core.uploads.putPart(input.UploadId, {
      partNumber: input.PartNumber,
      size: staged.size,
      md5: staged.md5,
      lastModified: core.clock.now(),
      file,
      ...(checksum ? { checksum } : {}),
    });
    // Aborted or completed while the part streamed in: the body goes with the failed commit.
    if (!put.exists) throw S3Errors.noSuchUpload(input.UploadId);
    return put;
  });
  if (result.replaced) await core.bodies.remove(result.replaced.file);
  const output: UploadPartOutput = { ETag: `"${staged.md5}"` };
  if (checksum) output[`Checksum${checksum.algorithm}`] = checksum.value;
  return output;
}
