import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from './checksums.ts';
import type { BodyDigests } from './digests.ts';

/** Main thread → body-worker.ts. A chunk names a slot of the shared buffers and its length. */
export type ToWorker =
  | {
      type: 'open';
      id: number;
      path: string;
      algorithms: readonly ChecksumAlgorithm[];
      sha256: boolean;
      durable: boolean;
    }
  | { type: 'chunk'; id: number; slot: number; length: number }
  /** Chunks handed over (transferred, not copied); `slot` is the credit they hold until acked. */
  | { type: 'buffers'; id: number; slot: number; buffers: ArrayBuffer[] }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

type FromWorker =
  | { type: 'ack'; slot: number }
  | { type: 'done'; id: number; digests: BodyDigests }
  | { type: 'error'; id: number; message: string }
  | { type: 'aborted'; id: number };

/** What body-worker.ts gets at start: its slots. */
export interface WorkerSetup {
  readonly slots: readonly SharedArrayBuffer[];
}

const WORKER_SCRIPT = new URL('./body-worker.ts', import.meta.url);
/** Bytes per slot: a body crosses to its thread in few messages. */
const SLOT_BYTES = 1024 * 1024;
/**
 * Slots per thread, shared by its uploads. Fixed memory, no allocation (nor garbage) per batch,
 * and the bound on what is in flight: an upload waits (its socket pauses) until a slot is free.
 */
const SLOTS_PER_THREAD = 16;

type JobResult = { digests?: BodyDigests; error?: Error };

interface Thread {
  readonly worker: Worker;
  readonly jobs: Map<number, (result: JobResult) => void>;
  readonly slots: Buffer[];
  readonly free: number[];
  /** Uploads waiting for a slot, first come first served (-1: the thread is gone). */
  readonly waiting: ((slot: number) => void)[];
}

/**
 * The pool of body writer threads (one per core, started on the first large upload, ended by
 * `stop`). Each large upload is one job on the thread with the fewest.
 */
export class BodyWriters {
  readonly #threads: Thread[] = [];
  readonly #size = Math.max(1, Math.min(availableParallelism(), 4));
  #nextId = 1;

  /** Starts writing a new temporary file at `path`; the caller feeds it, then ends or aborts it. */
  open(
    path: string,
    algorithms: readonly ChecksumAlgorithm[],
    sha256: boolean,
    durable: boolean,
  ): BodyWriter {
    const thread = this.#pick();
    const id = this.#nextId++;
    const result = new Promise<JobResult>((resolve) => thread.jobs.set(id, resolve));
    post(thread, { type: 'open', id, path, algorithms, sha256, durable });
    return new BodyWriter(thread, id, result);
  }

  async stop(): Promise<void> {
    const threads = this.#threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  #pick(): Thread {
    if (this.#threads.length < this.#size) return this.#start();
    return this.#threads.reduce((best, thread) => (thread.jobs.size < best.jobs.size ? thread : best));
  }

  #start(): Thread {
    const shared = Array.from({ length: SLOTS_PER_THREAD }, () => new SharedArrayBuffer(SLOT_BYTES));
    const setup: WorkerSetup = { slots: shared };
    const worker = new Worker(WORKER_SCRIPT, { execArgv: [], workerData: setup });
    worker.unref();
    const thread: Thread = {
      worker,
      jobs: new Map(),
      slots: shared.map((buffer) => Buffer.from(buffer)),
      free: shared.map((_, index) => index),
      waiting: [],
    };
    this.#threads.push(thread);
    worker.on('message', (message: FromWorker) => onMessage(thread, message));
    const fail = (error: Error) => {
      const index = this.#threads.indexOf(thread);
      if (index !== -1) this.#threads.splice(index, 1);
      for (const settle of thread.jobs.values()) settle({ error });
      thread.jobs.clear();
      for (const wake of thread.waiting.splice(0)) wake(-1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`body writer thread exited (${code})`)));
    return thread;
  }
}

function onMessage(thread: Thread, message: FromWorker): void {
  if (message.type === 'ack') {
    release(thread, message.slot);
    return;
  }
  const settle = thread.jobs.get(message.id);
  if (!settle) return;
  thread.jobs.delete(message.id);
  if (message.type === 'done') settle({ digests: message.digests });
  else if (message.type === 'error') settle({ error: new Error(message.message) });
  else settle({ error: new Error('aborted') });
}

function release(thread: Thread, slot: number): void {
  const next = thread.waiting.shift();
  if (next) next(slot);
  else thread.free.push(slot);
}

function acquire(thread: Thread): number | Promise<number> {
  return thread.free.pop() ?? new Promise((resolve) => thread.waiting.push(resolve));
}

function post(thread: Thread, message: ToWorker): void {
  thread.worker.postMessage(message);
}

/**
 * One body on its way to a thread: copied into slots, each sent when full; or, for chunks the caller
 * owns, handed over by transfer about a slot's worth at a time, each batch holding a slot as its credit
 * (so the same bound applies). A handed-over chunk leaves the main thread's heap at once: 8 MB of
 * socket chunks per upload no longer drive the main thread's full garbage collections.
 */
export class BodyWriter {
  readonly #thread: Thread;
  readonly #id: number;
  readonly #result: Promise<JobResult>;
  #slot = -1;
  #filled = 0;
  #batch: ArrayBuffer[] = [];
  #batched = 0;

  constructor(thread: Thread, id: number, result: Promise<JobResult>) {
    this.#thread = thread;
    this.#id = id;
    this.#result = result;
  }

  /**
   * Copies the chunk into slots, or (`owned`, and the chunk is a whole ArrayBuffer of its own) hands it
   * over; waits while the thread has no slot free.
   */
  async write(chunk: Buffer, owned = false): Promise<void> {
    const buffer = chunk.buffer;
    if (
      owned &&
      buffer instanceof ArrayBuffer &&
      chunk.byteOffset === 0 &&
      chunk.length === buffer.byteLength
    ) {
      if (this.#filled > 0) this.#send();
      this.#batch.push(buffer);
      this.#batched += buffer.byteLength;
      if (this.#batched >= SLOT_BYTES) await this.#handOver();
      return;
    }
    if (this.#batched > 0) await this.#handOver();
    await this.#copy(chunk);
  }

  async #copy(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#slot === -1) {
        this.#slot = await acquire(this.#thread);
        if (this.#slot === -1) throw new Error('body writer thread is gone');
      }
      const copied = chunk.copy(this.#thread.slots[this.#slot]!, this.#filled, offset);
      this.#filled += copied;
      offset += copied;
      if (this.#filled === SLOT_BYTES) this.#send();
    }
  }

  /** The file is written (and fsynced when durable): its digests. */
  async end(): Promise<BodyDigests> {
    if (this.#batched > 0) await this.#handOver();
    if (this.#filled > 0) this.#send();
    else this.#giveBack();
    post(this.#thread, { type: 'end', id: this.#id });
    const { digests, error } = await this.#result;
    if (error) throw error;
    return digests!;
  }

  /** Stops the job; the thread closes and removes the temporary file. */
  async abort(): Promise<void> {
    this.#giveBack();
    if (this.#thread.jobs.has(this.#id)) post(this.#thread, { type: 'abort', id: this.#id });
    await this.#result;
  }

  async #handOver(): Promise<void> {
    const buffers = this.#batch;
    this.#batch = [];
    this.#batched = 0;
    const slot = this.#slot !== -1 ? this.#slot : await acquire(this.#thread);
    this.#slot = -1;
    if (slot === -1) throw new Error('body writer thread is gone');
    try {
      this.#thread.worker.postMessage(
        { type: 'buffers', id: this.#id, slot, buffers } satisfies ToWorker,
        buffers,
      );
    } catch {
      // A buffer that cannot be transferred (marked untransferable) is copied instead; none was detached.
      release(this.#thread, slot);
      for (const buffer of buffers) await this.#copy(Buffer.from(buffer));
    }
  }

  #send(): void {
    post(this.#thread, { type: 'chunk', id: this.#id, slot: this.#slot, length: this.#filled });
    this.#slot = -1;
    this.#filled = 0;
  }

  #giveBack(): void {
    if (this.#slot !== -1) release(this.#thread, this.#slot);
    this.#slot = -1;
    this.#filled = 0;
    this.#batch = [];
    this.#batched = 0;
  }
}
