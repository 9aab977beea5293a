import type { DeleteObjectOutput, DeleteObjectRequest } from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';

/** 204 whether or not the key existed, as S3 answers for unversioned buckets. */
export async function deleteObject(core: S3Core, input: DeleteObjectRequest): Promise<DeleteObjectOutput> {
  requireBucket(core, input.Bucket);
  await removeObject(core, input.Bucket, input.Key);
  return {};
}

/** Drops the metadata first, then the body: a crash in between leaves an unreferenced file only. */
export async function removeObject(core: S3Core, bucket: string, key: string): Promise<void> {
  const removed = core.store.deleteObject(bucket, key);
  if (removed) await core.bodies.remove(removed.file);
}
