import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type Storage, statementCache } from '../../state/storage.ts';
import type { FunctionRecord } from './model.ts';

/** An Event invocation waiting for its (next) attempt: kept so a restart does not lose it. */
export interface QueuedInvocation {
  readonly id: string;
  readonly accountId: string;
  readonly region: string;
  readonly functionName: string;
  readonly payload: Buffer;
  /** Attempts already made (0 before the first). */
  readonly attempts: number;
  /** Stratus clock time of the next attempt. */
  readonly dueAt: number;
}

/** Functions and queued Event invocations in SQLite, keyed by account and region. */
export class FunctionStore {
  readonly #db: DatabaseSync;
  readonly #prepare: (sql: string) => StatementSync;
  /**
   * Read-through caches of what every invocation reads: records by function, reserved
   * concurrency by account and region. Every write below drops what it may have changed.
   */
  readonly #records = new Map<string, FunctionRecord>();
  readonly #reserved = new Map<string, number>();

  constructor(storage: Storage) {
    this.#db = storage.database('lambda');
    this.#prepare = statementCache(this.#db);
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS functions (
        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        reserved_concurrency INTEGER, code_size INTEGER NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (account, region, name));
      CREATE TABLE IF NOT EXISTS queued_invocations (
        id TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL,
        payload BLOB NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER NOT NULL);
    `);
  }

  /** The function, parsed once and then served from memory until the next write to it. */
  get(accountId: string, region: string, name: string): FunctionRecord | undefined {
    const key = cacheKey(accountId, region, name);
    const cached = this.#records.get(key);
    if (cached) return cached;
    const row = this.#prepare('SELECT data FROM functions WHERE account = ? AND region = ? AND name = ?').get(
      accountId,
      region,
      name,
    );
    if (!row) return undefined;
    const record = JSON.parse(String(row.data)) as FunctionRecord;
    this.#records.set(key, record);
    return record;
  }

  /** False when a function of that name already exists. */
  insert(record: FunctionRecord): boolean {
    this.#forget(record.accountId, record.region, record.name);
    return (
      this.#prepare(
        `INSERT OR IGNORE INTO functions (account, region, name, reserved_concurrency, code_size, data)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(...this.#columns(record)).changes > 0
    );
  }

  put(record: FunctionRecord): void {
    this.#forget(record.accountId, record.region, record.name);
    this.#prepare(
      `INSERT OR REPLACE INTO functions (account, region, name, reserved_concurrency, code_size, data)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(...this.#columns(record));
  }

  delete(accountId: string, region: string, name: string): boolean {
    this.#forget(accountId, region, name);
    return (
      this.#prepare('DELETE FROM functions WHERE account = ? AND region = ? AND name = ?').run(
        accountId,
        region,
        name,
      ).changes > 0
    );
  }

  /** Functions in name order after `afterName`. */
  list(accountId: string, region: string, afterName: string, limit: number): FunctionRecord[] {
    return this.#prepare(
      'SELECT data FROM functions WHERE account = ? AND region = ? AND name > ? ORDER BY name LIMIT ?',
    )
      .all(accountId, region, afterName, limit)
      .map((row) => JSON.parse(String(row.data)) as FunctionRecord);
  }

  /** Reserved concurrency summed over the region's functions (optionally leaving one out). */
  totalReserved(accountId: string, region: string, exceptName?: string): number {
    const scope = `${accountId}\n${region}`;
    const cached = exceptName === undefined ? this.#reserved.get(scope) : undefined;
    if (cached !== undefined) return cached;
    const row = this.#prepare(
      `SELECT COALESCE(SUM(reserved_concurrency), 0) AS total FROM functions
         WHERE account = ? AND region = ? AND name != ?`,
    ).get(accountId, region, exceptName ?? '');
    const total = Number(row?.total ?? 0);
    if (exceptName === undefined) this.#reserved.set(scope, total);
    return total;
  }

  usage(accountId: string, region: string): { functionCount: number; totalCodeSize: number } {
    const row = this.#prepare(
      `SELECT COUNT(*) AS count, COALESCE(SUM(code_size), 0) AS size FROM functions
         WHERE account = ? AND region = ?`,
    ).get(accountId, region);
    return { functionCount: Number(row?.count ?? 0), totalCodeSize: Number(row?.size ?? 0) };
  }

  enqueue(invocation: QueuedInvocation): void {
    this.#prepare(
      `INSERT OR REPLACE INTO queued_invocations (id, account, region, function_name, payload, attempts, due_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      invocation.id,
      invocation.accountId,
      invocation.region,
      invocation.functionName,
      invocation.payload,
      invocation.attempts,
      invocation.dueAt,
    );
  }

  dequeue(id: string): void {
    this.#prepare('DELETE FROM queued_invocations WHERE id = ?').run(id);
  }

  queued(): QueuedInvocation[] {
    return this.#prepare('SELECT * FROM queued_invocations ORDER BY due_at')
      .all()
      .map((row) => ({
        id: String(row.id),
        accountId: String(row.account),
        region: String(row.region),
        functionName: String(row.function_name),
        payload: Buffer.from(row.payload as Uint8Array),
        attempts: Number(row.attempts),
        dueAt: Number(row.due_at),
      }));
  }

  #forget(accountId: string, region: string, name: string): void {
    this.#records.delete(cacheKey(accountId, region, name));
    this.#reserved.delete(`${accountId}\n${region}`);
  }

  #columns(record: FunctionRecord) {
    return [
      record.accountId,
      record.region,
      record.name,
      record.reservedConcurrency ?? null,
      record.code.size,
      JSON.stringify(record),
    ] as const;
  }
}

function cacheKey(accountId: string, region: string, name: string): string {
  return `${accountId}\n${region}\n${name}`;
}
