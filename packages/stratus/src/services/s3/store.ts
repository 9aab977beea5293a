import type { DatabaseSync } from 'node:sqlite';
import type {
  ObjectLockLegalHoldStatus,
  ObjectLockRetentionMode,
  StorageClass,
} from '../../protocol/models/types/s3.ts';
import { statementCache } from '../../state/storage.ts';
import { atomically } from './atomic.ts';
import type { ChecksumAlgorithm } from './checksums.ts';

export interface BucketRecord {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly createdAt: number;
}

/** Content-* and similar headers an object keeps and returns. */
export interface ObjectHeaders {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: string;
  WebsiteRedirectLocation?: string;
}

export interface ObjectRecord {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Quoted, as S3 sends it: `"<md5 hex>"` or `"<md5 of md5s>-N"`. */
  readonly etag: string;
  readonly lastModified: number;
  /** The body file's id in the BodyStore. */
  readonly file: string;
  readonly headers: ObjectHeaders;
  readonly metadata: Record<string, string>;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  readonly partsCount?: number;
  /** In a bucket with versioning configured: the version's id (`null` for null versions). */
  readonly versionId?: string;
  /** A delete marker: a version with no body (its `file` is empty). */
  readonly deleteMarker?: boolean;
  /** Object tags (x-amz-tagging, PutObjectTagging), by key. */
  readonly tags?: Record<string, string>;
  /** Set by x-amz-storage-class or a lifecycle transition; absent means STANDARD. */
  readonly storageClass?: StorageClass;
  /** Object Lock retention: the mode and the retain-until time (ms), kept after it passes, as S3 shows it. */
  readonly retention?: { readonly mode: ObjectLockRetentionMode; readonly until: number };
  /** Object Lock legal hold, once one was set on the version. */
  readonly legalHold?: ObjectLockLegalHoldStatus;
}

/**
 * Buckets and object metadata. Bucket names are global (one namespace across accounts and
 * regions, as in AWS); each bucket records its owner account and region.
 */
export class S3Store {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;
  /**
   * Buckets read outside a transaction (so committed), by name: every object request looks its bucket
   * up, often twice. Only this store writes the table, and it forgets a name before changing it.
   */
  readonly #buckets = new Map<string, BucketRecord>();

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS buckets (
        name TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS objects (
        bucket TEXT NOT NULL REFERENCES buckets(name), key TEXT NOT NULL, record TEXT NOT NULL,
        PRIMARY KEY (bucket, key)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS versions (
        bucket TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, version_id TEXT NOT NULL,
        record TEXT NOT NULL, PRIMARY KEY (bucket, key, seq)) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS versions_by_id ON versions (bucket, key, version_id);
    `);
  }

  bucket(name: string): BucketRecord | undefined {
    const cached = this.#buckets.get(name);
    if (cached) return cached;
    const row = this.#sql('SELECT * FROM buckets WHERE name = ?').get(name);
    if (!row) return undefined;
    const record: BucketRecord = {
      name: String(row.name),
      account: String(row.account),
      region: String(row.region),
      createdAt: Number(row.created_at),
    };
    // Inside a transaction the row may not be committed yet (a rollback would leave the cache wrong).
    if (!this.#db.isTransaction) this.#buckets.set(name, record);
    return record;
  }

  buckets(account: string): BucketRecord[] {
    return this.#sql('SELECT name FROM buckets WHERE account = ? ORDER BY name')
      .all(account)
      .map((row) => this.bucket(String(row.name))!);
  }

  createBucket(record: BucketRecord): void {
    this.#buckets.delete(record.name);
    this.#sql('INSERT INTO buckets (name, account, region, created_at) VALUES (?, ?, ?, ?)').run(
      record.name,
      record.account,
      record.region,
      record.createdAt,
    );
  }

  deleteBucket(name: string): void {
    this.#buckets.delete(name);
    this.#sql('DELETE FROM buckets WHERE name = ?').run(name);
  }

  /** No objects, and no versions or delete markers either. */
  isEmpty(bucket: string): boolean {
    return (
      this.#sql('SELECT 1 FROM objects WHERE bucket = ? LIMIT 1').get(bucket) === undefined &&
      this.#sql('SELECT 1 FROM versions WHERE bucket = ? LIMIT 1').get(bucket) === undefined
    );
  }

  object(bucket: string, key: string): ObjectRecord | undefined {
    const row = this.#sql('SELECT record FROM objects WHERE bucket = ? AND key = ?').get(bucket, key);
    return row ? (JSON.parse(String(row.record)) as ObjectRecord) : undefined;
  }

  /** Records the object; returns the record it replaced (whose body file the caller removes). */
  putObject(record: ObjectRecord): ObjectRecord | undefined {
    return atomically(this.#db, () => {
      const previous = this.object(record.bucket, record.key);
      this.#sql('INSERT OR REPLACE INTO objects (bucket, key, record) VALUES (?, ?, ?)').run(
        record.bucket,
        record.key,
        JSON.stringify(record),
      );
      return previous;
    });
  }

  /** Rewrites an existing object's metadata (tags) in place; its body stays. */
  updateObject(record: ObjectRecord): void {
    this.#sql('UPDATE objects SET record = ? WHERE bucket = ? AND key = ?').run(
      JSON.stringify(record),
      record.bucket,
      record.key,
    );
  }

  /** Removes the object's record; returns it, or undefined when there was none. */
  deleteObject(bucket: string, key: string): ObjectRecord | undefined {
    return atomically(this.#db, () => {
      const previous = this.object(bucket, key);
      if (previous) this.#sql('DELETE FROM objects WHERE bucket = ? AND key = ?').run(bucket, key);
      return previous;
    });
  }

  /** Objects in key order (UTF-8 byte order, as S3 lists), from the first key after `after` and at or after `from`. */
  *objects(bucket: string, from: string, after: string | undefined): Generator<ObjectRecord> {
    const rows =
      after === undefined
        ? this.#sql('SELECT record FROM objects WHERE bucket = ? AND key >= ? ORDER BY key').iterate(
            bucket,
            from,
          )
        : this.#sql(
            'SELECT record FROM objects WHERE bucket = ? AND key >= ? AND key > ? ORDER BY key',
          ).iterate(bucket, from, after);
    for (const row of rows) yield JSON.parse(String(row.record)) as ObjectRecord;
  }
}
