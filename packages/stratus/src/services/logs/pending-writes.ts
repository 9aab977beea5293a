import type { Logger } from '../../logger.ts';
import type { EventRun, LogStore } from './store.ts';

/**
 * How long in-process writes may wait to be appended together. Every read of the store flushes
 * first, so this is never observable through the API (nor through the Stratus clock); it only
 * turns many small SQLite transactions into one.
 */
const FLUSH_DELAY_MS = 5;

/**
 * In-process writes (Lambda's START/END/REPORT and console lines) wait here a few milliseconds,
 * then go to SQLite in one transaction, in the order they were written. Every read of the store
 * flushes first (see LogsService), so no reader can tell them from direct appends.
 */
export class PendingWrites {
  readonly #store: LogStore;
  readonly #logger: Logger;
  #runs: EventRun[] = [];
  #scheduled: NodeJS.Timeout | undefined;

  constructor(store: LogStore, logger: Logger) {
    this.#store = store;
    this.#logger = logger;
  }

  add(run: EventRun): void {
    this.#runs.push(run);
    this.#scheduled ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Appends everything pending now (a no-op when nothing is). */
  flush(): void {
    if (this.#scheduled) {
      clearTimeout(this.#scheduled);
      this.#scheduled = undefined;
    }
    if (this.#runs.length === 0) return;
    const runs = this.#runs;
    this.#runs = [];
    try {
      this.#store.appendRuns(runs, true);
    } catch (error) {
      const groups = [...new Set(runs.map((run) => run.group))].join(', ');
      this.#logger.error(`logs: could not write ${runs.length} in-process write(s) to ${groups}`, error);
    }
  }
}
