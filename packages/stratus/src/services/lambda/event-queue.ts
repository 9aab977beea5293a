import type { Clock, ClockTimer } from '../../clock/clock.ts';
import type { Logger } from '../../logger.ts';
import type { FunctionStore, QueuedInvocation } from './store.ts';

/** How one attempt of a queued invocation went. */
export type AttemptResult = 'success' | 'failed' | 'throttled' | 'gone';

export interface EventQueueOptions {
  readonly store: FunctionStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly attempt: (invocation: QueuedInvocation) => Promise<AttemptResult>;
}

/** AWS retries a failed asynchronous invocation twice: after one minute, then after two more. */
export const RETRY_DELAYS_MS = [60_000, 120_000];
/** A throttled event goes back to the queue and is tried again shortly. */
export const THROTTLE_DELAY_MS = 1_000;

/**
 * Event invocations: acknowledged with 202 once stored, run in the background, retried on
 * error with Lambda's delays (read from the Stratus clock), kept in SQLite across restarts.
 */
export class EventQueue {
  readonly #options: EventQueueOptions;
  readonly #timers = new Map<string, ClockTimer>();
  #stopped = false;

  constructor(options: EventQueueOptions) {
    this.#options = options;
  }

  enqueue(invocation: Omit<QueuedInvocation, 'attempts' | 'dueAt'>): void {
    const queued = { ...invocation, attempts: 0, dueAt: this.#options.clock.now() };
    this.#options.store.enqueue(queued);
    this.#schedule(queued);
  }

  /** Picks up invocations a previous run left queued. */
  resume(): void {
    for (const queued of this.#options.store.queued()) this.#schedule(queued);
  }

  /** Invocations waiting for their next attempt (not those running now). */
  get pending(): number {
    return this.#timers.size;
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
  }

  #schedule(queued: QueuedInvocation): void {
    const delay = Math.max(0, queued.dueAt - this.#options.clock.now());
    this.#timers.get(queued.id)?.cancel();
    this.#timers.set(
      queued.id,
      this.#options.clock.setTimeout(() => {
        this.#timers.delete(queued.id);
        void this.#run(queued);
      }, delay),
    );
  }

  async #run(queued: QueuedInvocation): Promise<void> {
    const { store, clock, logger } = this.#options;
    let result: AttemptResult;
    try {
      result = await this.#options.attempt(queued);
    } catch (error) {
      logger.error(`lambda: the queued invocation ${queued.id} failed to run`, error);
      result = 'failed';
    }
    if (this.#stopped) return;
    if (result === 'throttled') {
      const next = { ...queued, dueAt: clock.now() + THROTTLE_DELAY_MS };
      store.enqueue(next);
      this.#schedule(next);
      return;
    }
    const attempts = queued.attempts + 1;
    if (result === 'failed' && attempts <= RETRY_DELAYS_MS.length) {
      const next = { ...queued, attempts, dueAt: clock.now() + RETRY_DELAYS_MS[attempts - 1]! };
      store.enqueue(next);
      this.#schedule(next);
      return;
    }
    if (result === 'failed') {
      logger.warn(
        `lambda: ${queued.functionName} failed ${attempts} times on event ${queued.id}; it is discarded`,
      );
    }
    store.dequeue(queued.id);
  }
}
