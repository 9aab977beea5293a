import type { DatabaseSync } from 'node:sqlite';
import { statementCache } from '../../state/storage.ts';

/**
 * A bucket's sub-resource configurations, one JSON document per kind, shaped as the model's
 * input member (e.g. the `CORSConfiguration` of PutBucketCors). Deleting the bucket deletes them.
 */
export type BucketConfigKind =
  | 'policy'
  | 'publicAccessBlock'
  | 'cors'
  | 'website'
  | 'notification'
  | 'lifecycle'
  | 'tagging'
  | 'versioning'
  | 'ownershipControls'
  | 'encryption'
  | 'objectLock';

export class BucketConfigStore {
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    this.#sql = statementCache(db);
    db.exec(`CREATE TABLE IF NOT EXISTS bucket_configs (
      bucket TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL,
      PRIMARY KEY (bucket, kind)) WITHOUT ROWID`);
  }

  get<T>(bucket: string, kind: BucketConfigKind): T | undefined {
    const row = this.#sql('SELECT document FROM bucket_configs WHERE bucket = ? AND kind = ?').get(
      bucket,
      kind,
    );
    return row ? (JSON.parse(String(row.document)) as T) : undefined;
  }

  put(bucket: string, kind: BucketConfigKind, document: unknown): void {
    this.#sql(
      'INSERT INTO bucket_configs (bucket, kind, document) VALUES (?, ?, ?) ON CONFLICT (bucket, kind) DO UPDATE SET document = excluded.document',
    ).run(bucket, kind, JSON.stringify(document));
  }

  delete(bucket: string, kind: BucketConfigKind): void {
    this.#sql('DELETE FROM bucket_configs WHERE bucket = ? AND kind = ?').run(bucket, kind);
  }

  /** The buckets that have a configuration of this kind (lifecycle sweeps). */
  bucketsWith(kind: BucketConfigKind): string[] {
    return this.#sql('SELECT bucket FROM bucket_configs WHERE kind = ? ORDER BY bucket')
      .all(kind)
      .map((row) => String(row.bucket));
  }

  deleteAll(bucket: string): void {
    this.#sql('DELETE FROM bucket_configs WHERE bucket = ?').run(bucket);
  }
}
