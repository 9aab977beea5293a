import { isAwsError } from '../../../protocol/errors.ts';
import type { DeleteObjectsOutput, DeleteObjectsRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { MAX_KEY_BYTES } from '../bucket-names.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { checkDelete, lockConfiguration } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { type RemoveOutcome, removeObject } from './delete-object.ts';

/** Up to 1,000 keys per request; each reported deleted (unless Quiet) or with its own error. */
export async function deleteObjects(
  core: S3Core,
  input: DeleteObjectsRequest,
  ctx: RequestContext,
): Promise<DeleteObjectsOutput> {
  requireBucket(core, input.Bucket);
  const objects = input.Delete.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw S3Errors.malformedXml();
  if (input.BypassGovernanceRetention !== undefined && !lockConfiguration(core, input.Bucket))
    throw ObjectLockErrors.bypassOutsideLock();
  const output: DeleteObjectsOutput = { Deleted: [], Errors: [] };
  for (const { Key, VersionId } of objects) {
    if (Buffer.byteLength(Key, 'utf8') > MAX_KEY_BYTES) {
      output.Errors!.push({ Key, Code: 'KeyTooLongError', Message: 'Your key is too long' });
      continue;
    }
    let outcome: RemoveOutcome;
    try {
      checkDelete(
        core,
        { bucket: input.Bucket, key: Key, versionId: VersionId },
        input.BypassGovernanceRetention,
        ctx,
      );
      outcome = await removeObject(core, input.Bucket, Key, VersionId);
    } catch (error) {
      if (!isAwsError(error)) throw error;
      output.Errors!.push({
        Key,
        ...(VersionId ? { VersionId } : {}),
        Code: error.code,
        Message: error.message,
      });
      continue;
    }
    core.events.objectRemoved(ctx, outcome.markerCreated ? 'DeleteMarkerCreated' : 'Delete', {
      bucket: input.Bucket,
      key: Key,
      ...(outcome.versionId ? { versionId: outcome.versionId } : {}),
    });
    if (input.Delete.Quiet) continue;
    output.Deleted!.push({
      Key,
      ...(VersionId ? { VersionId } : {}),
      ...(outcome.deleteMarker ? { DeleteMarker: true } : {}),
      ...(outcome.markerCreated ? { DeleteMarkerVersionId: outcome.versionId } : {}),
    });
  }
  return output;
}
