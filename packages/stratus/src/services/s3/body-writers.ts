import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from './checksums.ts';
import type { BodyDigests } from './digests.ts';

/** Main thread → body-worker.ts. */
export type ToWorker =
  | {
      type: 'open';
      id: number;
      path: string;
      algorithms: readonly ChecksumAlgorithm[];
      sha256: boolean;
      durable: boolean;
    }
  | { type: 'chunk'; id: number; data: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

type FromWorker =
  | { type: 'ack'; id: number; bytes: number; buffer: ArrayBuffer }
  | { type: 'done'; id: number; digests: BodyDigests }
  | { type: 'error'; id: number; message: string }
  | { type: 'aborted'; id: number };

const WORKER_SCRIPT = new URL('./body-worker.ts', import.meta.url);
/** Bytes copied into one message: few messages per body, each transferred without a second copy. */
const BATCH_BYTES = 1024 * 1024;
/** Bytes sent but not yet written by the worker before the upload's stream is paused (memory stays bounded). */
const MAX_IN_FLIGHT = 8 * 1024 * 1024;

/** Batches a thread keeps for reuse. */
const MAX_SPARE = 16;

interface Thread {
  readonly worker: Worker;
  readonly jobs: Map<number, JobState>;
  /** Batches the worker has written and handed back. */
  readonly spare: ArrayBuffer[];
}

type JobResult = { digests?: BodyDigests; error?: Error };

interface JobState {
  inFlight: number;
  drained?: () => void;
  settle: (result: JobResult) => void;
}

/**
 * The pool of body writer threads (one per core, started on the first large upload, ended by
 * `stop`). Each large upload is one job on the least busy thread.
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
    let settle!: JobState['settle'];
    const result = new Promise<JobResult>((resolve) => {
      settle = resolve;
    });
    const state: JobState = { inFlight: 0, settle };
    thread.jobs.set(id, state);
    post(thread, { type: 'open', id, path, algorithms, sha256, durable });
    return new BodyWriter(thread, id, state, result);
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
    const worker = new Worker(WORKER_SCRIPT, { execArgv: [] });
    worker.unref();
    const thread: Thread = { worker, jobs: new Map(), spare: [] };
    this.#threads.push(thread);
    worker.on('message', (message: FromWorker) => onMessage(thread, message));
    const fail = (error: Error) => {
      const index = this.#threads.indexOf(thread);
      if (index !== -1) this.#threads.splice(index, 1);
      for (const job of thread.jobs.values()) {
        job.drained?.();
        job.settle({ error });
      }
      thread.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`body writer thread exited (${code})`)));
    return thread;
  }
}

function onMessage(thread: Thread, message: FromWorker): void {
  if (message.type === 'ack' && thread.spare.length < MAX_SPARE) thread.spare.push(message.buffer);
  const job = thread.jobs.get(message.id);
  if (!job) return;
  if (message.type === 'ack') {
    job.inFlight -= message.bytes;
    if (job.inFlight <= MAX_IN_FLIGHT && job.drained) {
      const drained = job.drained;
      job.drained = undefined;
      drained();
    }
    return;
  }
  thread.jobs.delete(message.id);
  job.drained?.();
  if (message.type === 'done') job.settle({ digests: message.digests });
  else if (message.type === 'error') job.settle({ error: new Error(message.message) });
  else job.settle({ error: new Error('aborted') });
}

function post(thread: Thread, message: ToWorker, transfer?: ArrayBuffer[]): void {
  thread.worker.postMessage(message, transfer);
}

/** One body on its way to a worker: bytes are batched, sent, and throttled by the worker's acks. */
export class BodyWriter {
  readonly #thread: Thread;
  readonly #id: number;
  readonly #state: JobState;
  readonly #result: Promise<JobResult>;
  #batch: Buffer;
  #filled = 0;

  constructor(thread: Thread, id: number, state: JobState, result: Promise<JobResult>) {
    this.#thread = thread;
    this.#id = id;
    this.#state = state;
    this.#result = result;
    this.#batch = nextBatch(thread);
  }

  /** Copies the chunk into the current batch; resolves when the worker has room for more. */
  async write(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const copied = chunk.copy(this.#batch, this.#filled, offset);
      this.#filled += copied;
      offset += copied;
      if (this.#filled === BATCH_BYTES) this.#flush();
    }
    if (this.#state.inFlight > MAX_IN_FLIGHT && this.#thread.jobs.has(this.#id)) {
      await new Promise<void>((resolve) => {
        this.#state.drained = resolve;
      });
    }
  }

  /** The file is written (and fsynced when durable): its digests. */
  async end(): Promise<BodyDigests> {
    if (this.#filled > 0) this.#flush(true);
    post(this.#thread, { type: 'end', id: this.#id });
    const { digests, error } = await this.#result;
    if (error) throw error;
    return digests!;
  }

  /** Stops the job; the worker closes and removes the temporary file. */
  async abort(): Promise<void> {
    if (this.#thread.jobs.has(this.#id)) post(this.#thread, { type: 'abort', id: this.#id });
    await this.#result;
  }

  #flush(last = false): void {
    const data = new Uint8Array(this.#batch.buffer, 0, this.#filled);
    this.#state.inFlight += this.#filled;
    post(this.#thread, { type: 'chunk', id: this.#id, data }, [this.#batch.buffer as ArrayBuffer]);
    this.#batch = last ? Buffer.alloc(0) : nextBatch(this.#thread);
    this.#filled = 0;
  }
}

/** A spare batch handed back by the worker, or a new one (its own ArrayBuffer, so it can be transferred). */
function nextBatch(thread: Thread): Buffer {
  const spare = thread.spare.pop();
  return spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(BATCH_BYTES);
}
