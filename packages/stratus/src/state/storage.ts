import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/**
 * Where an instance keeps its state: SQLite databases (WAL) and plain files under one
 * directory, or, when ephemeral, in-memory databases and a temporary directory removed on close.
 */
export class Storage {
  readonly ephemeral: boolean;
  /** Root of on-disk state (a temporary directory when ephemeral). */
  readonly root: string;
  readonly #databases = new Map<string, DatabaseSync>();

  constructor(options: { dir?: string; ephemeral?: boolean }) {
    this.ephemeral = options.ephemeral ?? !options.dir;
    if (this.ephemeral) {
      this.root = mkdtempSync(join(tmpdir(), 'stratus-'));
    } else {
      this.root = options.dir!;
      mkdirSync(this.root, { recursive: true });
    }
  }

  /** The named database, opened once per instance. */
  database(name: string): DatabaseSync {
    let db = this.#databases.get(name);
    if (!db) {
      db = new DatabaseSync(this.ephemeral ? ':memory:' : join(this.root, `${name}.sqlite`));
      if (!this.ephemeral) {
        db.exec('PRAGMA journal_mode = WAL');
        // NORMAL under WAL survives a process crash (kill -9); only power loss can drop the last commit.
        db.exec('PRAGMA synchronous = NORMAL');
      }
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec('PRAGMA foreign_keys = ON');
      this.#databases.set(name, db);
    }
    return db;
  }

  /** A directory for a service's files (function code, object bodies), created on first use. */
  directory(...segments: string[]): string {
    const dir = join(this.root, ...segments);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  close(): void {
    for (const db of this.#databases.values()) {
      if (db.isOpen) db.close();
    }
    this.#databases.clear();
    if (this.ephemeral) rmSync(this.root, { recursive: true, force: true });
  }
}

/** Runs `work` inside one SQLite transaction: all of it commits, or none of it. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * A store's `prepare`: each distinct SQL text is prepared once and the statement reused, so hot
 * paths (every Lambda log line, every API Gateway lookup) do not compile their SQL again.
 */
export function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
