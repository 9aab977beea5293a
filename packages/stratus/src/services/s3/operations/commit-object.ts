import type { StagedBody } from '../bodies.ts';
import type { S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import type { ObjectRecord } from '../store.ts';

/**
 * The one way an object comes to exist: the staged file is renamed into place, then the
 * metadata commits, then the body it replaced is removed. A crash before the commit leaves only
 * an unreferenced file; the object is never half there.
 */
export async function commitObject(
  core: S3Core,
  staged: StagedBody,
  record: Omit<ObjectRecord, 'file'>,
): Promise<ObjectRecord> {
  const file = await core.bodies.publish(staged);
  const full: ObjectRecord = { ...record, file };
  let previous: ObjectRecord | undefined;
  try {
    // The bucket may have gone while the body streamed in.
    if (!core.store.bucket(record.bucket)) throw S3Errors.noSuchBucket(record.bucket);
    previous = core.store.putObject(full);
  } catch (error) {
    await core.bodies.remove(file);
    throw error;
  }
  if (previous) await core.bodies.remove(previous.file);
  return full;
}
