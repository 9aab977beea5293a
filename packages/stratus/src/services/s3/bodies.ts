import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type ChecksumAlgorithm, checksummer } from './checksums.ts';

/** A body written to a temporary file, durable on disk, not yet an object. */
export interface StagedBody {
  readonly tempPath: string;
  readonly size: number;
  /** Hex MD5 of the bytes (the ETag of a single-part object). */
  readonly md5: string;
  /** Base64 digests of the additional checksums asked for. */
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

/** Object bodies as files: staged in `tmp/`, fsynced, then renamed into `objects/` (so a crash never shows half a body). */
export class BodyStore {
  readonly #objects: string;
  readonly #tmp: string;

  constructor(directory: (...segments: string[]) => string) {
    this.#objects = directory('s3', 'objects');
    this.#tmp = directory('s3', 'tmp');
  }

  /** Removes what a crash left half-written. */
  async sweepTemporary(): Promise<void> {
    for (const name of await readdir(this.#tmp)) await rm(join(this.#tmp, name), { force: true });
  }

  /** Streams the source to a temporary file, hashing as it goes; the file is fsynced before this resolves. */
  async stage(source: Readable | Buffer, algorithms: readonly ChecksumAlgorithm[]): Promise<StagedBody> {
    const tempPath = join(this.#tmp, randomUUID());
    const md5 = createHash('md5');
    const summers = algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
    let size = 0;
    let file: FileHandle | undefined;
    try {
      file = await open(tempPath, 'wx');
      const chunks = Buffer.isBuffer(source) ? [source] : source;
      for await (const chunk of chunks) {
        const data = chunk as Buffer;
        md5.update(data);
        for (const [, summer] of summers) summer.update(data);
        await writeAll(file, data);
        size += data.length;
      }
      await file.sync();
      await file.close();
      file = undefined;
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [algorithm, summer] of summers) checksums[algorithm] = summer.digest();
    return { tempPath, size, md5: md5.digest('hex'), checksums };
  }

  /** Moves a staged body into place; returns the file id the metadata records. */
  async publish(staged: StagedBody): Promise<string> {
    const id = randomUUID();
    await rename(staged.tempPath, join(this.#objects, id));
    return id;
  }

  async discard(staged: StagedBody): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.#objects, id), { force: true });
  }

  /** Opens the file now, so a concurrent overwrite or delete cannot pull it away mid-read. */
  async read(id: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = await open(join(this.#objects, id), 'r');
    return file.createReadStream(range ? { start: range.start, end: range.end } : {});
  }
}

async function writeAll(file: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await file.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}
