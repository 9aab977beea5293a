import type { BucketLifecycleConfiguration, LifecycleRule } from '../../../protocol/models/types/s3.ts';
import type { S3Core } from '../core.ts';
import type { EventObject, LifecycleEvent } from '../notifications-events.ts';
import { isLocked } from '../object-lock.ts';
import { removeRecord } from '../operations/delete-object.ts';
import type { ObjectRecord } from '../store.ts';
import { versioningStatus } from '../versioning.ts';
import { dueAfter, prefixOf, selects } from './rules.ts';
import { dueTransitions } from './transitions.ts';

/** What a sweep did, for the caller to finish: bodies to remove, events to publish. */
export interface SweepOutcome {
  readonly files: string[];
  readonly events: { kind: LifecycleEvent; object: EventObject & { destinationStorageClass?: string } }[];
}

/**
 * One pass of every bucket's enabled lifecycle rules at the Stratus clock's now: transitions
 * (the storage class), expiring current objects (a delete marker in a versioned bucket),
 * noncurrent versions, lone expired delete markers and stale multipart uploads. Metadata
 * changes at once; the bodies no longer referenced and the events are returned.
 */
export function sweepLifecycle(core: S3Core): SweepOutcome {
  const files: string[] = [];
  const events: SweepOutcome['events'] = [];
  const now = core.clock.now();
  for (const bucket of core.configs.bucketsWith('lifecycle')) {
    if (!core.store.bucket(bucket)) continue;
    const rules = (core.configs.get<BucketLifecycleConfiguration>(bucket, 'lifecycle')?.Rules ?? []).filter(
      (r) => r.Status === 'Enabled',
    );
    if (rules.length === 0) continue;
    const discard = (record: ObjectRecord | undefined) => {
      if (record?.file) files.push(record.file);
    };
    const versioned = versioningStatus(core, bucket) !== undefined;
    for (const moved of dueTransitions(core, bucket, rules, now)) {
      if (versioned) core.versions.update(moved);
      else core.store.updateObject(moved);
      const { key, size, etag, versionId, storageClass } = moved;
      const object = { bucket, key, size, etag, versionId, destinationStorageClass: storageClass };
      events.push({ kind: 'LifecycleTransition', object });
    }
    for (const key of expiredCurrent(core, bucket, rules, now)) {
      const outcome = removeRecord(core, bucket, key);
      discard(outcome.discarded);
      events.push(
        outcome.markerCreated
          ? {
              kind: 'LifecycleExpiration:DeleteMarkerCreated',
              object: { bucket, key, versionId: outcome.versionId },
            }
          : { kind: 'LifecycleExpiration:Delete', object: { bucket, key } },
      );
    }
    if (versioned) {
      for (const { key, versionId } of expiredVersions(core, bucket, rules, now)) {
        discard(removeRecord(core, bucket, key, versionId).discarded);
        events.push({ kind: 'LifecycleExpiration:Delete', object: { bucket, key, versionId } });
      }
    }
    for (const uploadId of staleUploads(core, bucket, rules, now)) {
      for (const part of core.uploads.deleteUpload(uploadId)) files.push(part.file);
    }
  }
  return { files, events };
}

function expiredCurrent(
  core: S3Core,
  bucket: string,
  rules: readonly LifecycleRule[],
  now: number,
): string[] {
  const expiring = rules.filter((r) => r.Expiration?.Days !== undefined || r.Expiration?.Date !== undefined);
  if (expiring.length === 0) return [];
  const keys: string[] = [];
  for (const object of core.store.objects(bucket, '', undefined)) {
    const expired = expiring.some((rule) => {
      if (!selects(rule, object)) return false;
      const { Days, Date: date } = rule.Expiration!;
      return Days !== undefined
        ? dueAfter(object.lastModified, Days) <= now
        : new Date(date!).getTime() <= now;
    });
    if (expired) keys.push(object.key);
  }
  return keys;
}

/** Noncurrent versions past NoncurrentDays (beyond the NewerNoncurrentVersions kept), and lone delete markers. */
function expiredVersions(
  core: S3Core,
  bucket: string,
  rules: readonly LifecycleRule[],
  now: number,
): { key: string; versionId: string }[] {
  const noncurrent = rules.filter((r) => r.NoncurrentVersionExpiration);
  const markers = rules.filter((r) => r.Expiration?.ExpiredObjectDeleteMarker);
  if (noncurrent.length === 0 && markers.length === 0) return [];
  const expired: { key: string; versionId: string }[] = [];
  let newer: ObjectRecord | undefined;
  let rank = 0;
  let versionsOfKey: ObjectRecord[] = [];
  const closeKey = () => {
    const [only] = versionsOfKey;
    if (
      versionsOfKey.length === 1 &&
      only?.deleteMarker &&
      markers.some((r) => only.key.startsWith(prefixOf(r)))
    )
      expired.push({ key: only.key, versionId: only.versionId ?? 'null' });
    versionsOfKey = [];
  };
  for (const { record, isLatest } of core.versions.entries(bucket, '')) {
    if (isLatest) {
      closeKey();
      newer = record;
      rank = 0;
      versionsOfKey.push(record);
      continue;
    }
    rank++;
    const becameNoncurrent = newer!.lastModified;
    newer = record;
    const due = noncurrent.some((rule) => {
      const { NoncurrentDays, NewerNoncurrentVersions } = rule.NoncurrentVersionExpiration!;
      return (
        selects(rule, record) &&
        rank > (NewerNoncurrentVersions ?? 0) &&
        dueAfter(becameNoncurrent, NoncurrentDays ?? 0) <= now
      );
    });
    // Object Lock outranks lifecycle: a protected version stays until its lock ends.
    if (due && !isLocked(record, now))
      expired.push({ key: record.key, versionId: record.versionId ?? 'null' });
    else versionsOfKey.push(record);
  }
  closeKey();
  return expired;
}

function staleUploads(core: S3Core, bucket: string, rules: readonly LifecycleRule[], now: number): string[] {
  const aborting = rules.filter((r) => r.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined);
  if (aborting.length === 0) return [];
  return core.uploads
    .uploadsOf(bucket)
    .filter((upload) =>
      aborting.some(
        (rule) =>
          upload.key.startsWith(prefixOf(rule)) &&
          dueAfter(upload.initiated, rule.AbortIncompleteMultipartUpload!.DaysAfterInitiation!) <= now,
      ),
    )
    .map((upload) => upload.uploadId);
}
