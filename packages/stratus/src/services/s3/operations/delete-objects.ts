import type { DeleteObjectsOutput, DeleteObjectsRequest } from '../../../protocol/models/types/s3.ts';
import { MAX_KEY_BYTES } from '../bucket-names.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { removeObject } from './delete-object.ts';

/** Up to 1,000 keys per request; each reported deleted (unless Quiet) or with its own error. */
export async function deleteObjects(core: S3Core, input: DeleteObjectsRequest): Promise<DeleteObjectsOutput> {
  requireBucket(core, input.Bucket);
  const objects = input.Delete.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw S3Errors.malformedXml();
  const output: DeleteObjectsOutput = { Deleted: [], Errors: [] };
  for (const { Key } of objects) {
    if (Buffer.byteLength(Key, 'utf8') > MAX_KEY_BYTES) {
      output.Errors!.push({ Key, Code: 'KeyTooLongError', Message: 'Your key is too long' });
      continue;
    }
    await removeObject(core, input.Bucket, Key);
    if (!input.Delete.Quiet) output.Deleted!.push({ Key });
  }
  return output;
}
