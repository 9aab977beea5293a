import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** Linux's RAM file system, and the room it must have left to hold an ephemeral instance's files. */
const RAM_FS = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;
const RAM_FS_MIN_FREE_BYTES = 4 * 1024 ** 3;
/** Names an ephemeral directory's process, so a later instance can remove what a killed one left. */
const OWNER_FILE = '.stratus-owner';

/**
 * Where an instance keeps its state: SQLite databases (WAL) and plain files under one
 * directory, or, when ephemeral, in-memory databases and a temporary directory removed on close.
 * An ephemeral instance's files (object bodies, function code) go to the machine's RAM file system
 * when it has one with room, so that `--ephemeral` keeps state in memory as it says: on disk, every
 * large upload also cost the kernel's writeback of its pages.
 */
export class Storage {
  readonly ephemeral: boolean;
  /** Root of on-disk state (a temporary directory when ephemeral). */
  readonly root: string;
  readonly #databases = new Map<string, DatabaseSync>();

  constructor(options: { dir?: string; ephemeral?: boolean }) {
    this.ephemeral = options.ephemeral ?? !options.dir;
    if (this.ephemeral) {
      const base = ephemeralBase();
      removeAbandoned(base);
      this.root = mkdtempSync(join(base, 'stratus-'));
      writeFileSync(join(this.root, OWNER_FILE), String(process.pid));
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

/** The RAM file system when it is there, writable and roomy; the temporary directory otherwise. */
function ephemeralBase(): string {
  try {
    const fs = statfsSync(RAM_FS);
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= RAM_FS_MIN_FREE_BYTES) {
      accessSync(RAM_FS, constants.W_OK);
      return RAM_FS;
    }
  } catch {
    // No such file system here (macOS, Windows, a container without one).
  }
  return tmpdir();
}

/** Removes the ephemeral directories of instances that were killed (their owner process is gone). */
function removeAbandoned(base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(base).filter((name) => name.startsWith('stratus-'));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = join(base, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not an ephemeral instance's directory (or another user's)
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another user's, or being removed by another instance: left alone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, and someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
