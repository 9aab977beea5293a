import type { Logger } from '../../logger.ts';
import type { EventRun, LogStore } from './store.ts';
import type { LogWriterThread } from './writer-thread.ts';

/**
 * How long in-process writes may wait to be appended together. Every read of the store settles
 * first, so this is never observable through the API (nor through the Stratus clock); it only
 * turns many small SQLite transactions into one.
 */
const FLUSH_DELAY_MS = 5;

/**
 * In-process writes (Lambda's START/END/REPORT and console lines) wait here a few milliseconds,
 * then go to SQLite in one transaction, in the order they were written: through the log writer
 * thread when there is one (started with the first flush), in-process otherwise. Every read of the
 * store settles first (see LogsService), so no reader can tell them from direct appends.
 */
export class PendingWrites {
  readonly #store: LogStore;
  readonly #logger: Logger;
  /** Starts the writer thread; undefined when writes stay in-process. */
  #startThread: (() => LogWriterThread) | undefined;
  #thread: LogWriterThread | undefined;
  #runs: EventRun[] = [];
  #scheduled: NodeJS.Timeout | undefined;
  #closing = false;

  constructor(store: LogStore, logger: Logger, startThread?: () => LogWriterThread) {
    this.#store = store;
    this.#logger = logger;
    this.#startThread = startThread;
  }

  add(run: EventRun): void {
    this.#runs.push(run);
    this.#scheduled ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Hands everything pending to the writer thread, or appends it (a no-op when nothing is pending). */
  flush(): void {
    if (this.#scheduled) {
      clearTimeout(this.#scheduled);
      this.#scheduled = undefined;
    }
    // While the thread closes its connection, writes wait (for `close`, which appends them).
    if (this.#runs.length === 0 || this.#closing) return;
    const runs = this.#runs;
    this.#runs = [];
    const thread = this.#writerThread();
    if (thread) {
      thread.post(runs, this.#store.deletions);
      return;
    }
    try {
      this.#store.appendRuns(runs, true);
    } catch (error) {
      const groups = [...new Set(runs.map((run) => run.group))].join(', ');
      this.#logger.error(`logs: could not write ${runs.length} in-process write(s) to ${groups}`, error);
    }
  }

  /** Flushes, then waits until every write made so far is in the database: what readers call. */
  settle(): void {
    this.flush();
    this.#thread?.waitForCommit();
  }

  /** Settles and ends the writer thread: later writes are appended in-process. */
  async close(): Promise<void> {
    this.settle();
    this.#startThread = undefined;
    const thread = this.#thread;
    if (!thread) return;
    this.#closing = true;
    try {
      await thread.close();
    } finally {
      this.#closing = false;
      this.#thread = undefined;
    }
    this.flush();
  }

  #writerThread(): LogWriterThread | undefined {
    if (this.#thread && !this.#thread.alive) this.#thread = undefined;
    if (!this.#thread && this.#startThread) {
      this.#thread = this.#startThread();
      // A thread that ended by itself is not started again: the writes stay in-process.
      this.#startThread = undefined;
    }
    return this.#thread;
  }
}
