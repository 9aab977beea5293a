import type { DeleteObjectOutput, DeleteObjectRequest } from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3AccessErrors } from '../errors.ts';
import { checkDelete } from '../object-lock.ts';
import type { ObjectRecord } from '../store.ts';
import { discardBody, newVersionId, versioningStatus } from '../versioning.ts';

/** 204 whether or not the key existed, as S3 answers; in a versioned bucket, a delete marker or one version gone. */
export async function deleteObject(
  core: S3Core,
  input: DeleteObjectRequest,
  ctx: RequestContext,
): Promise<DeleteObjectOutput> {
  requireBucket(core, input.Bucket);
  checkDelete(
    core,
    { bucket: input.Bucket, key: input.Key, versionId: input.VersionId },
    input.BypassGovernanceRetention,
    ctx,
  );
  const outcome = await removeObject(core, input.Bucket, input.Key, input.VersionId);
  core.events.objectRemoved(ctx, outcome.markerCreated ? 'DeleteMarkerCreated' : 'Delete', {
    bucket: input.Bucket,
    key: input.Key,
    ...(outcome.versionId ? { versionId: outcome.versionId } : {}),
  });
  return {
    ...(outcome.versionId ? { VersionId: outcome.versionId } : {}),
    ...(outcome.deleteMarker ? { DeleteMarker: true } : {}),
  };
}

export interface RemoveOutcome {
  /** The version removed or the delete marker created (versioned buckets only). */
  readonly versionId?: string;
  /** The version concerned is a delete marker (created now, or the one removed). */
  readonly deleteMarker?: boolean;
  readonly markerCreated?: boolean;
  /** The record no longer referenced, whose body the caller removes. */
  readonly discarded?: ObjectRecord;
}

/** removeRecord, then the body: a crash in between leaves an unreferenced file only. */
export async function removeObject(
  core: S3Core,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<RemoveOutcome> {
  const outcome = removeRecord(core, bucket, key, versionId);
  await discardBody(core, outcome.discarded);
  return outcome;
}

/**
 * Deletes a key's metadata as its bucket's versioning says: gone (never versioned), a new delete
 * marker (Enabled), a `null` delete marker replacing the `null` version (Suspended), or, with a
 * version id, that one version for good.
 */
export function removeRecord(core: S3Core, bucket: string, key: string, versionId?: string): RemoveOutcome {
  const status = versioningStatus(core, bucket);
  if (status === undefined) {
    if (versionId !== undefined && versionId !== 'null') throw S3AccessErrors.invalidVersionId(versionId);
    return { discarded: core.store.deleteObject(bucket, key) };
  }
  if (versionId !== undefined) {
    const removed = core.versions.remove(bucket, key, versionId);
    return { versionId, ...(removed?.deleteMarker ? { deleteMarker: true } : {}), discarded: removed };
  }
  const marker: ObjectRecord = {
    bucket,
    key,
    size: 0,
    etag: '',
    lastModified: core.clock.now(),
    file: '',
    headers: {},
    metadata: {},
    deleteMarker: true,
    versionId: status === 'Enabled' ? newVersionId() : 'null',
  };
  return {
    versionId: marker.versionId,
    deleteMarker: true,
    markerCreated: true,
    discarded: core.versions.add(marker),
  };
}
