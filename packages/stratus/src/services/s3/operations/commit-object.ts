import type { StagedBody } from '../bodies.ts';
import type { S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import type { ObjectRecord } from '../store.ts';
import { discardBody, newVersionId, versioningStatus } from '../versioning.ts';

/**
 * The one way an object comes to exist: the staged body is published with its metadata (a small
 * body in the same SQLite transaction; a file renamed into place first), then the body it replaced
 * is removed (a small one in the same transaction). A crash before the commit leaves at most an
 * unreferenced file; the object is never half there. In a versioned bucket the object is a new
 * version (Enabled) or replaces the `null` version (Suspended); earlier versions keep their bodies.
 */
export async function commitObject(
  core: S3Core,
  staged: StagedBody,
  record: Omit<ObjectRecord, 'file'>,
): Promise<ObjectRecord> {
  let previous: ObjectRecord | undefined;
  const full = await core.bodies.publish(staged, (file) => {
    // The bucket may have gone while the body streamed in.
    if (!core.store.bucket(record.bucket)) throw S3Errors.noSuchBucket(record.bucket);
    const status = versioningStatus(core, record.bucket);
    const created: ObjectRecord =
      status === undefined
        ? { ...record, file }
        : { ...record, file, versionId: status === 'Enabled' ? newVersionId() : 'null' };
    previous = status === undefined ? core.store.putObject(created) : core.versions.add(created);
    // A replaced inline body goes in the same commit.
    if (previous?.file && core.bodies.forget(previous.file)) previous = undefined;
    return created;
  });
  await discardBody(core, previous);
  return full;
}
