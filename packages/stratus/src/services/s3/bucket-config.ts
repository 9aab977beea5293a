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

/** Buckets whose documents (and absences) are kept in memory at most; past this the cache starts again empty. */
const MAX_BUCKETS = 10_000;

export class BucketConfigStore {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;
  /**
   * Committed documents by bucket and kind, null for none: an object request reads several kinds
   * (versioning, Object Lock, notifications), mostly absent. Only this store writes the table, and it
   * forgets an entry before changing it; a document is parsed afresh on every get (callers may change it).
   */
  readonly #documents = new Map<string, Map<BucketConfigKind, string | null>>();

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
    db.exec(`CREATE TABLE IF NOT EXISTS bucket_configs (
      bucket TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL,
      PRIMARY KEY (bucket, kind)) WITHOUT ROWID`);
  }

  get<T>(bucket: string, kind: BucketConfigKind): T | undefined {
    let document = this.#documents.get(bucket)?.get(kind);
    if (document === undefined) {
      const row = this.#sql('SELECT document FROM bucket_configs WHERE bucket = ? AND kind = ?').get(
        bucket,
        kind,
      );
      document = row ? String(row.document) : null;
      // Inside a transaction the row may not be committed yet (a rollback would leave the cache wrong).
      if (!this.#db.isTransaction) this.#remember(bucket, kind, document);
    }
    return document === null ? undefined : (JSON.parse(document) as T);
  }

  put(bucket: string, kind: BucketConfigKind, document: unknown): void {
    this.#documents.get(bucket)?.delete(kind);
    this.#sql(
      'INSERT INTO bucket_configs (bucket, kind, document) VALUES (?, ?, ?) ON CONFLICT (bucket, kind) DO UPDATE SET document = excluded.document',
    ).run(bucket, kind, JSON.stringify(document));
  }

  delete(bucket: string, kind: BucketConfigKind): void {
    this.#documents.get(bucket)?.delete(kind);
    this.#sql('DELETE FROM bucket_configs WHERE bucket = ? AND kind = ?').run(bucket, kind);
  }

  #remember(bucket: string, kind: BucketConfigKind, document: string | null): void {
    let kinds = this.#documents.get(bucket);
    if (!kinds) {
      if (this.#documents.size >= MAX_BUCKETS) this.#documents.clear();
      kinds = new Map();
      this.#documents.set(bucket, kinds);
    }
    kinds.set(kind, document);
  }

  /** The buckets that have a configuration of this kind (lifecycle sweeps). */
  bucketsWith(kind: BucketConfigKind): string[] {
    return this.#sql('SELECT bucket FROM bucket_configs WHERE kind = ? ORDER BY bucket')
      .all(kind)
      .map((row) => String(row.bucket));
  }

  deleteAll(bucket: string): void {
    this.#documents.delete(bucket);
    this.#sql('DELETE FROM bucket_configs WHERE bucket = ?').run(bucket);
  }
}
