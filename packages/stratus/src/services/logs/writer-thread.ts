import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.ts';
import type { DatabaseLocation } from '../../state/storage.ts';
import { type EventRun, streamKey } from './store.ts';

const WORKER = new URL('./writer-worker.ts', import.meta.url);

/** How long a reader waits for the thread to commit what it was given before giving up on it. */
const COMMIT_WAIT_MS = 10_000;

/** What the thread is started with. */
export interface WriterData {
  /** The logs database (see `Storage.sharedDatabase`). */
  readonly database: DatabaseLocation;
  /** Index 0: the sequence number of the last batch committed (or given up on). */
  readonly committed: Int32Array;
}

/** One flush's runs, packed flat: cloning a few hundred small objects cost more than appending them. */
export interface WriterBatch {
  readonly type: 'batch';
  readonly seq: number;
  /** Streams were deleted: the thread forgets its stream numbers and ids before this batch. */
  readonly reset: boolean;
  /** Streams new to the thread, numbered on from the last: account, region, group and stream name each. */
  readonly streams: readonly string[];
  /** Per run: stream number, ingestion time, event count, then each event's timestamp and message. */
  readonly values: readonly (number | string)[];
}

export type WriterRequest = WriterBatch | { readonly type: 'close' };

/** A batch the thread could not append (its events are lost, as they would be on a direct append). */
export interface WriterFailure {
  readonly runs: number;
  readonly groups: string;
  readonly error: { readonly message: string; readonly stack?: string };
}

/**
 * A worker thread that appends Lambda's in-process log lines to the logs database through its own
 * connection, so that the main thread (which serves every request) spends no time in SQLite for
 * them. Batches go in order; a reader of the database first waits until the thread has committed
 * every batch given to it (`waitForCommit`), so reads see every write made before them.
 */
export class LogWriterThread {
  readonly #worker: Worker;
  readonly #logger: Logger;
  readonly #committed = new Int32Array(new SharedArrayBuffer(4));
  #posted = 0;
  /** Stream keys by the number the thread knows them by. */
  #numbers = new Map<string, number>();
  #deletions: number;
  #alive = true;

  /** `deletions` is the main store's count now: later deletions make the thread forget its stream ids. */
  constructor(database: DatabaseLocation, deletions: number, logger: Logger) {
    this.#logger = logger;
    this.#deletions = deletions;
    const data: WriterData = { database, committed: this.#committed };
    this.#worker = new Worker(WORKER, { workerData: data });
    // Work in flight is waited for by `close`; the thread alone must not keep the process running.
    this.#worker.unref();
    this.#worker.on('message', (failure: WriterFailure) =>
      logger.error(
        `logs: could not write ${failure.runs} in-process write(s) to ${failure.groups}`,
        failure.error,
      ),
    );
    this.#worker.on('error', (error) => logger.error('logs: the log writer thread failed', error));
    this.#worker.on('exit', () => {
      this.#alive = false;
    });
  }

  /** False once the thread has ended (then its caller appends in-process). */
  get alive(): boolean {
    return this.#alive;
  }

  /** Hands runs to the thread; `deletions` is the main store's count of deleted groups and streams. */
  post(runs: readonly EventRun[], deletions: number): void {
    const reset = deletions !== this.#deletions;
    if (reset) {
      this.#deletions = deletions;
      this.#numbers = new Map();
    }
    const streams: string[] = [];
    const values: (number | string)[] = [];
    for (const run of runs) {
      const key = run.key ?? streamKey(run.scope, run.group, run.stream);
      let number = this.#numbers.get(key);
      if (number === undefined) {
        number = this.#numbers.size;
        this.#numbers.set(key, number);
        streams.push(run.scope.accountId, run.scope.region, run.group, run.stream);
      }
      values.push(number, run.ingestionTime, run.events.length);
      for (const event of run.events) values.push(event.timestamp, event.message);
    }
    const batch: WriterBatch = { type: 'batch', seq: ++this.#posted, reset, streams, values };
    this.#worker.postMessage(batch);
  }

  /** Blocks until the thread has committed every batch posted so far. */
  waitForCommit(): void {
    while (this.#alive) {
      const committed = Atomics.load(this.#committed, 0);
      if (committed >= this.#posted) return;
      if (Atomics.wait(this.#committed, 0, committed, COMMIT_WAIT_MS) === 'timed-out') {
        this.#logger.error(
          `logs: the log writer thread did not commit within ${COMMIT_WAIT_MS / 1000} s; writing in-process from now on`,
        );
        this.#alive = false;
        void this.#worker.terminate();
        return;
      }
    }
  }

  /** Waits for what was posted, then closes the thread's connection and ends it. */
  async close(): Promise<void> {
    if (!this.#alive) return;
    const exited = once(this.#worker, 'exit');
    // Kept alive until it has closed its connection (its WAL is checkpointed and removed then).
    this.#worker.ref();
    this.#worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await exited;
  }
}
