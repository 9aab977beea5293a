import { randomUUID } from 'node:crypto';
import { open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Readable } from 'node:stream';
import { BufferPool } from '../../protocol/buffer-pool.ts';
import { FileBody } from '../../protocol/file-body.ts';
import { statementCache } from '../../state/storage.ts';
import { atomically } from './atomic.ts';
import { type BodyWriter, BodyWriters } from './body-writers.ts';
import type { ChecksumAlgorithm } from './checksums.ts';
import { type BodyDigests, digestWhole } from './digests.ts';

/**
 * Bodies up to this size live in SQLite, published in the same transaction as the metadata
 * that names them: one WAL commit, no file to create, fsync, rename or open per object.
 */
export const INLINE_MAX_BYTES = 64 * 1024;

/** Ids of bodies kept in SQLite (file bodies are bare UUIDs, also their file names). */
const INLINE_PREFIX = 'sqlite:';

/** A received body, checked and durable, not yet an object. */
export interface StagedBody extends BodyDigests {
  readonly size: number;
  /** A small body, in memory until published into SQLite. */
  readonly inline?: Buffer;
  /** A large body's temporary file (written, and fsynced unless the instance is ephemeral). */
  readonly tempPath?: string;
}

export interface BodyStoreOptions {
  readonly directory: (...segments: string[]) => string;
  /** The S3 database: inline bodies commit with the records that refer to them. */
  readonly db: DatabaseSync;
  /** Whether files are fsynced (not for an ephemeral instance, whose files die with it). */
  readonly durable: boolean;
}

/**
 * Object bodies: small ones as SQLite rows, large ones as files staged in `tmp/` by a writer
 * thread (which hashes them on the way), then renamed into `objects/`. A crash never shows half a body.
 */
export class BodyStore {
  readonly #objects: string;
  readonly #tmp: string;
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof statementCache>;
  readonly #durable: boolean;
  readonly #writers = new BodyWriters();
  /**
   * The buffers large bodies are sent from: 256 KiB (cost less CPU per GET than 1 MiB or 128 KiB:
   * a chunk is still in the CPU's cache when the socket copies it), up to 32 kept between
   * responses, 128 out at once before each response makes do with one.
   */
  readonly sendBuffers = new BufferPool({ size: 256 * 1024, maxIdle: 32, budget: 128 });

  constructor(options: BodyStoreOptions) {
    this.#objects = options.directory('s3', 'objects');
    this.#tmp = options.directory('s3', 'tmp');
    this.#db = options.db;
    this.#durable = options.durable;
    this.#sql = statementCache(options.db);
    options.db.exec('CREATE TABLE IF NOT EXISTS bodies (id TEXT PRIMARY KEY, data BLOB NOT NULL)');
  }

  /** Removes what a crash left half-written. */
  async sweepTemporary(): Promise<void> {
    for (const name of await readdir(this.#tmp)) await rm(join(this.#tmp, name), { force: true });
  }

  /** Ends the writer threads. */
  async stop(): Promise<void> {
    await this.#writers.stop();
  }

  /**
   * Reads the source to its end with every digest asked for: kept in memory while it is small,
   * else streamed to a temporary file by a writer thread (the stream pauses while the thread catches up).
   * `owned`: the source's chunks are its own (request-body.ts), so the thread may take them over.
   */
  async stage(
    source: Readable | Buffer,
    algorithms: readonly ChecksumAlgorithm[],
    sha256 = false,
    owned = false,
  ): Promise<StagedBody> {
    // A small body already in memory: no loop, no thread.
    if (Buffer.isBuffer(source) && source.length <= INLINE_MAX_BYTES)
      return { ...digestWhole(source, algorithms, sha256), size: source.length, inline: source };
    const head: Buffer[] = [];
    let size = 0;
    let writer: BodyWriter | undefined;
    let tempPath: string | undefined;
    try {
      for await (const chunk of Buffer.isBuffer(source) ? [source] : source) {
        const data = chunk as Buffer;
        size += data.length;
        if (writer) {
          await writer.write(data, owned);
          continue;
        }
        head.push(data);
        if (size <= INLINE_MAX_BYTES) continue;
        tempPath = join(this.#tmp, randomUUID());
        writer = this.#writers.open(tempPath, algorithms, sha256, this.#durable);
        for (const buffered of head.splice(0)) await writer.write(buffered, owned);
      }
      if (writer) return { ...(await writer.end()), size, tempPath };
    } catch (error) {
      await writer?.abort();
      throw error;
    }
    const inline = head.length === 1 ? head[0]! : Buffer.concat(head, size);
    return { ...digestWhole(inline, algorithms, sha256), size, inline };
  }

  /**
   * Makes a staged body permanent under a new id and runs `commit` with it (the metadata that
   * refers to it). An inline body and its metadata commit in one transaction; a file is renamed
   * into place first and removed again if `commit` throws.
   */
  async publish<T>(staged: StagedBody, commit: (id: string) => T): Promise<T> {
    if (staged.inline) {
      const id = `${INLINE_PREFIX}${randomUUID()}`;
      return atomically(this.#db, () => {
        this.#sql('INSERT INTO bodies (id, data) VALUES (?, ?)').run(id, staged.inline!);
        return commit(id);
      });
    }
    const id = randomUUID();
    await rename(staged.tempPath!, join(this.#objects, id));
    try {
      return commit(id);
    } catch (error) {
      await this.remove(id);
      throw error;
    }
  }

  async discard(staged: StagedBody): Promise<void> {
    if (staged.tempPath) await removeFile(staged.tempPath);
  }

  async remove(id: string): Promise<void> {
    if (!this.forget(id)) await removeFile(join(this.#objects, id));
  }

  /** Removes an inline body now (inside the caller's transaction, if any); false for a file body. */
  forget(id: string): boolean {
    if (!id.startsWith(INLINE_PREFIX)) return false;
    this.#sql('DELETE FROM bodies WHERE id = ?').run(id);
    return true;
  }

  /** The body (or its range) as a stream. A file is opened now, so a concurrent overwrite or delete cannot pull it away mid-read. */
  async read(id: string, range?: { start: number; end: number }): Promise<Readable> {
    const body = await this.open(id, range);
    return Buffer.isBuffer(body) ? Readable.from([body]) : body;
  }

  /** The body as GetObject sends it: a small body as one buffer, a large one as a file the edge sends from pooled buffers. */
  async open(id: string, range?: { start: number; end: number }): Promise<Buffer | FileBody> {
    if (id.startsWith(INLINE_PREFIX)) {
      const row = this.#sql('SELECT data FROM bodies WHERE id = ?').get(id);
      if (!row) throw new Error(`body ${id} is gone`);
      const bytes = row.data as Uint8Array;
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return range ? data.subarray(range.start, range.end + 1) : data;
    }
    const file = await open(join(this.#objects, id), 'r');
    return new FileBody(file, this.sendBuffers, range);
  }
}

/** Removes a body file, gone already or not: one unlink (`rm` adds two lstat calls for directories we never have). */
async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
