import type { FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { BufferPool } from './buffer-pool.ts';

/** Chunks read for an in-process consumer: fresh buffers, since it may keep them. */
const READ_CHUNK = 256 * 1024;
/** Chunks a response may have handed to its socket and not yet seen written. */
const SENDING_MAX = 2;

/** Bytes `start`..`end` (inclusive) of a file; no `end`: to the end of the file. */
export interface FileRange {
  readonly start: number;
  readonly end?: number;
}

/**
 * A response body read from an open file. The edge sends it with `sendTo` (pooled buffers, read
 * ahead while the socket writes); anything else in the process reads it as an ordinary Readable.
 * Either way the file is closed at the end, on an error and on `destroy()`.
 */
export class FileBody extends Readable {
  readonly #file: FileHandle;
  readonly #pool: BufferPool;
  readonly #end: number | undefined;
  #position: number;
  #claimed = false;
  #closing: Promise<void> | undefined;

  constructor(file: FileHandle, pool: BufferPool, range: FileRange = { start: 0 }) {
    super({ highWaterMark: READ_CHUNK });
    this.#file = file;
    this.#pool = pool;
    this.#position = range.start;
    this.#end = range.end;
  }

  override _read(): void {
    this.#claimed = true;
    const length = Math.min(READ_CHUNK, this.#remaining());
    if (length <= 0) return void this.push(null);
    const buffer = Buffer.allocUnsafe(length);
    this.#file
      .read(buffer, 0, length, this.#position)
      .then(({ bytesRead }) => {
        if (bytesRead === 0) {
          this.#checkComplete();
          return void this.push(null);
        }
        this.#position += bytesRead;
        this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
      })
      .catch((error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#close().then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }

  /**
   * Writes the body to a response whose head is written, then ends it. A buffer goes back to the
   * pool only once the socket has taken it; at most SENDING_MAX chunks wait on the socket (so a
   * slow client holds a few buffers, never the file). Settles when the body has been handed over
   * or the client went away; a read error destroys the response and rejects.
   */
  async sendTo(res: ServerResponse): Promise<void> {
    if (this.#claimed) throw new Error('FileBody: the body is already being read');
    this.#claimed = true;
    const pump = new Pump(res, this.#pool);
    try {
      for (;;) {
        if (!(await pump.ready())) return;
        const buffer = this.#pool.take();
        const length = Math.min(buffer.length, this.#remaining());
        const bytesRead = length <= 0 ? 0 : await pump.read(this.#file, buffer, length, this.#position);
        if (bytesRead === 0 || pump.closed) {
          this.#pool.give(buffer);
          if (pump.closed) return;
          this.#checkComplete();
          return void res.end();
        }
        this.#position += bytesRead;
        pump.send(buffer, bytesRead);
      }
    } catch (error) {
      res.destroy();
      throw error;
    } finally {
      this.destroy();
    }
  }

  #remaining(): number {
    return this.#end === undefined ? Number.POSITIVE_INFINITY : this.#end + 1 - this.#position;
  }

  /** At the end of the file: a file shorter than the range asked for is an error, never a short body. */
  #checkComplete(): void {
    if (this.#end !== undefined && this.#position <= this.#end) {
      throw new Error(`FileBody: the file ended at byte ${this.#position}, before byte ${this.#end}`);
    }
  }

  #close(): Promise<void> {
    this.#closing ??= this.#file.close();
    return this.#closing;
  }
}

/** One response's side of `sendTo`: what the socket still holds, and whether the client is gone. */
class Pump {
  readonly #res: ServerResponse;
  readonly #pool: BufferPool;
  /** Buffers written and not yet reported written by the socket. */
  readonly #sending = new Set<Buffer>();
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(res: ServerResponse, pool: BufferPool) {
    this.#res = res;
    this.#pool = pool;
    // A write made after the socket died never reports back: its buffer is counted out, not reused.
    res.once('close', () => {
      this.#closed = true;
      pool.lose(this.#sending.size);
      this.#sending.clear();
      this.#wake?.();
    });
  }

  get closed(): boolean {
    return this.#closed || this.#res.destroyed || this.#res.socket?.destroyed === true;
  }

  /** Waits until another chunk may be read: false once the client is gone. */
  async ready(): Promise<boolean> {
    while (
      !this.closed &&
      this.#sending.size > 0 &&
      (this.#sending.size >= SENDING_MAX || !this.#pool.available)
    ) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    return !this.closed;
  }

  async read(file: FileHandle, buffer: Buffer, length: number, position: number): Promise<number> {
    try {
      return (await file.read(buffer, 0, length, position)).bytesRead;
    } catch (error) {
      this.#pool.give(buffer);
      throw error;
    }
  }

  send(buffer: Buffer, length: number): void {
    this.#sending.add(buffer);
    const chunk = length === buffer.length ? buffer : buffer.subarray(0, length);
    this.#res.write(chunk, (error) => {
      if (error) this.#closed = true;
      // Already counted out when the response closed first.
      if (this.#sending.delete(buffer)) this.#pool.give(buffer);
      this.#wake?.();
    });
  }
}
