import type { DatabaseSync } from 'node:sqlite';
import { statementCache } from '../../state/storage.ts';
import { atomically } from './atomic.ts';
import type { ObjectRecord } from './store.ts';

/** A version as listed: its record and whether it is the key's current version. */
export interface VersionEntry {
  readonly record: ObjectRecord;
  readonly seq: number;
  readonly isLatest: boolean;
}

/**
 * Every version of every key in buckets with versioning configured (Enabled or Suspended),
 * newest first by a per-key sequence, delete markers included. The `objects` table (S3Store)
 * keeps each key's current version unless it is a delete marker, so plain reads and listings
 * never look here; both tables change in one transaction.
 */
export class VersionStore {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
  }

  /** The bucket's current objects become its `null` versions (when versioning is first configured). */
  adopt(bucket: string): void {
    atomically(this.#db, () => {
      this.#sql(`UPDATE objects SET record = json_set(record, '$.versionId', 'null') WHERE bucket = ?`).run(
        bucket,
      );
      this.#sql(
        `INSERT OR IGNORE INTO versions (bucket, key, seq, version_id, record)
         SELECT bucket, key, 1, 'null', record FROM objects WHERE bucket = ?`,
      ).run(bucket);
    });
  }

  version(bucket: string, key: string, versionId: string): ObjectRecord | undefined {
    const row = this.#sql('SELECT record FROM versions WHERE bucket = ? AND key = ? AND version_id = ?').get(
      bucket,
      key,
      versionId,
    );
    return row ? (JSON.parse(String(row.record)) as ObjectRecord) : undefined;
  }

  latest(bucket: string, key: string): ObjectRecord | undefined {
    const row = this.#sql(
      'SELECT record FROM versions WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1',
    ).get(bucket, key);
    return row ? (JSON.parse(String(row.record)) as ObjectRecord) : undefined;
  }

  /**
   * Adds a version as the key's newest. A `null` version replaces the key's earlier `null`
   * version, which is returned so the caller removes its body.
   */
  add(record: ObjectRecord): ObjectRecord | undefined {
    const versionId = record.versionId ?? 'null';
    return atomically(this.#db, () => {
      const replaced = versionId === 'null' ? this.#remove(record.bucket, record.key, 'null') : undefined;
      const top = this.#sql('SELECT MAX(seq) AS seq FROM versions WHERE bucket = ? AND key = ?').get(
        record.bucket,
        record.key,
      );
      this.#sql('INSERT INTO versions (bucket, key, seq, version_id, record) VALUES (?, ?, ?, ?, ?)').run(
        record.bucket,
        record.key,
        Number(top?.seq ?? 0) + 1,
        versionId,
        JSON.stringify({ ...record, versionId }),
      );
      this.#syncCurrent(record.bucket, record.key);
      return replaced;
    });
  }

  /** Rewrites one version's metadata (tags) in place, and the current object when it is that version. */
  update(record: ObjectRecord): void {
    const versionId = record.versionId ?? 'null';
    atomically(this.#db, () => {
      this.#sql('UPDATE versions SET record = ? WHERE bucket = ? AND key = ? AND version_id = ?').run(
        JSON.stringify(record),
        record.bucket,
        record.key,
        versionId,
      );
      this.#syncCurrent(record.bucket, record.key);
    });
  }

  /** Deletes one version for good; the next newest becomes current. Returns the version removed. */
  remove(bucket: string, key: string, versionId: string): ObjectRecord | undefined {
    return atomically(this.#db, () => {
      const removed = this.#remove(bucket, key, versionId);
      if (removed) this.#syncCurrent(bucket, key);
      return removed;
    });
  }

  /** Versions in key order, newest first within a key, from `from` on. */
  *entries(bucket: string, from: string): Generator<VersionEntry> {
    let previousKey: string | undefined;
    const rows = this.#sql(
      'SELECT key, seq, record FROM versions WHERE bucket = ? AND key >= ? ORDER BY key, seq DESC',
    ).iterate(bucket, from);
    for (const row of rows) {
      const key = String(row.key);
      yield {
        record: JSON.parse(String(row.record)) as ObjectRecord,
        seq: Number(row.seq),
        isLatest: key !== previousKey,
      };
      previousKey = key;
    }
  }

  seqOf(bucket: string, key: string, versionId: string): number | undefined {
    const row = this.#sql('SELECT seq FROM versions WHERE bucket = ? AND key = ? AND version_id = ?').get(
      bucket,
      key,
      versionId,
    );
    return row ? Number(row.seq) : undefined;
  }

  #remove(bucket: string, key: string, versionId: string): ObjectRecord | undefined {
    const found = this.version(bucket, key, versionId);
    if (found)
      this.#sql('DELETE FROM versions WHERE bucket = ? AND key = ? AND version_id = ?').run(
        bucket,
        key,
        versionId,
      );
    return found;
  }

  /** The objects table holds the newest version unless that is a delete marker. */
  #syncCurrent(bucket: string, key: string): void {
    const current = this.latest(bucket, key);
    if (current && !current.deleteMarker) {
      this.#sql('INSERT OR REPLACE INTO objects (bucket, key, record) VALUES (?, ?, ?)').run(
        bucket,
        key,
        JSON.stringify(current),
      );
    } else {
      this.#sql('DELETE FROM objects WHERE bucket = ? AND key = ?').run(bucket, key);
    }
  }
}
