import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from '../../state/storage.ts';

/** What CloudFront keeps: distributions, their invalidations, and the configurations they refer to. */
export type ResourceKind =
  | 'distribution'
  | 'invalidation'
  | 'origin-access-control'
  | 'origin-access-identity'
  | 'cache-policy'
  | 'origin-request-policy'
  | 'response-headers-policy';

export interface StoredResource<T = Record<string, unknown>> {
  readonly account: string;
  readonly kind: ResourceKind;
  readonly id: string;
  /** The distribution an invalidation belongs to. */
  readonly parent?: string;
  /** A distribution's host label (`d111111abcdef8`), how viewers name it. */
  readonly label?: string;
  readonly etag: string;
  readonly created: number;
  readonly modified: number;
  /** The resource's configuration as the API returns it (API shapes, `Quantity`/`Items` lists). */
  readonly config: T;
}

/**
 * CloudFront is global: state is keyed by account only (no region). Ids are unique across
 * accounts, so a viewer request (whose host names no account) finds its distribution by id or label.
 */
export class CloudFrontStore {
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#sql = statementCache(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS cloudfront_resources (
        account TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, parent TEXT, label TEXT,
        record TEXT NOT NULL, PRIMARY KEY (kind, id));
      CREATE INDEX IF NOT EXISTS cloudfront_by_label ON cloudfront_resources (label);
      CREATE INDEX IF NOT EXISTS cloudfront_by_parent ON cloudfront_resources (parent);
    `);
  }

  put(resource: StoredResource<object>): void {
    this.#sql(
      'INSERT OR REPLACE INTO cloudfront_resources (account, kind, id, parent, label, record) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      resource.account,
      resource.kind,
      resource.id,
      resource.parent ?? null,
      resource.label ?? null,
      JSON.stringify(resource),
    );
  }

  get<T = Record<string, unknown>>(
    account: string,
    kind: ResourceKind,
    id: string,
  ): StoredResource<T> | undefined {
    const row = this.#sql(
      'SELECT record FROM cloudfront_resources WHERE kind = ? AND id = ? AND account = ?',
    ).get(kind, id, account);
    return row ? (JSON.parse(String(row.record)) as StoredResource<T>) : undefined;
  }

  /** A distribution by the first label of the host a viewer used: its domain label or its id. */
  distributionByHost<T>(label: string): StoredResource<T> | undefined {
    const row = this.#sql(
      "SELECT record FROM cloudfront_resources WHERE kind = 'distribution' AND (label = ? OR id = ?)",
    ).get(label.toLowerCase(), label.toUpperCase());
    return row ? (JSON.parse(String(row.record)) as StoredResource<T>) : undefined;
  }

  list<T>(account: string, kind: ResourceKind, parent?: string): StoredResource<T>[] {
    const rows =
      parent === undefined
        ? this.#sql('SELECT record FROM cloudfront_resources WHERE account = ? AND kind = ? ORDER BY id').all(
            account,
            kind,
          )
        : this.#sql(
            'SELECT record FROM cloudfront_resources WHERE account = ? AND kind = ? AND parent = ? ORDER BY id',
          ).all(account, kind, parent);
    return rows.map((row) => JSON.parse(String(row.record)) as StoredResource<T>);
  }

  delete(kind: ResourceKind, id: string): void {
    this.#sql('DELETE FROM cloudfront_resources WHERE kind = ? AND id = ?').run(kind, id);
    if (kind === 'distribution') this.#sql('DELETE FROM cloudfront_resources WHERE parent = ?').run(id);
  }
}
