import type { Logger } from '../../logger.ts';
import type { LogEventNotice, LogListener } from './core.ts';
import type { EventRun, LogScope } from './store.ts';

/**
 * Called once per turn of the event loop with the events of that turn, in order, as the runs they
 * were written in (Lambda's START, END and REPORT are one run: no object per event on the hot path).
 */
export type LogBatchListener = (runs: readonly EventRun[]) => void;

type NewEvent = Omit<LogEventNotice, 'accountId' | 'region' | 'logGroupName'>;

/**
 * Tells subscribers about new events: event listeners at once, batch listeners (`stratus dev`'s
 * console, which writes each batch in one go) at the end of the event loop's turn.
 */
export class LogFeed {
  readonly #logger: Logger;
  readonly #listeners = new Set<LogListener>();
  readonly #batchListeners = new Set<LogBatchListener>();
  #batch: EventRun[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Whether anyone listens (so writers can skip building notices). */
  get listening(): boolean {
    return this.#listeners.size > 0 || this.#batchListeners.size > 0;
  }

  /** Events the Logs API took (each carries its stream and ingestion time). */
  publish(scope: LogScope, logGroupName: string, events: readonly NewEvent[]): void {
    if (!this.listening) return;
    for (const { logStreamName, ingestionTime, timestamp, message } of events) {
      this.publishRun({
        scope,
        group: logGroupName,
        stream: logStreamName,
        ingestionTime,
        events: [{ timestamp, message }],
      });
    }
  }

  /** Events written together to one stream (an in-process writer's, Lambda's lines on the hot path). */
  publishRun(run: EventRun): void {
    if (this.#listeners.size > 0) {
      const { scope, group, stream, ingestionTime } = run;
      for (const { timestamp, message } of run.events) {
        const notice: LogEventNotice = {
          accountId: scope.accountId,
          region: scope.region,
          logGroupName: group,
          logStreamName: stream,
          timestamp,
          ingestionTime,
          message,
        };
        for (const listener of this.#listeners) this.#call(listener, notice);
      }
    }
    if (this.#batchListeners.size === 0) return;
    this.#batch.push(run);
    this.#scheduled ??= setImmediate(() => this.#deliver());
  }

  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  subscribeBatches(listener: LogBatchListener): () => void {
    this.#batchListeners.add(listener);
    return () => this.#batchListeners.delete(listener);
  }

  /** Delivers what is waiting, then forgets every listener. */
  stop(): void {
    this.#deliver();
    this.#listeners.clear();
    this.#batchListeners.clear();
  }

  #deliver(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const batch = this.#batch;
    this.#batch = [];
    if (batch.length === 0) return;
    for (const listener of this.#batchListeners) this.#call(listener, batch);
  }

  #call<T>(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      this.#logger.error('a log listener failed', error);
    }
  }
}
