/**
 * The one clock every TTL, cache expiry, retry delay and schedule reads.
 * Tests move it forward with `advance()` instead of sleeping; timers set through it fire
 * when either real time or advanced time reaches them.
 */
export interface ClockTimer {
  cancel(): void;
}

interface PendingTimer {
  dueAt: number;
  callback: () => void;
  handle: NodeJS.Timeout | undefined;
}

export class Clock {
  #offsetMs = 0;
  readonly #pending = new Set<PendingTimer>();

  /** Milliseconds since the epoch, as Stratus sees it. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** How far Stratus time is ahead of real time. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves Stratus time forward and fires every timer that is now due, in due order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward, got ${ms} ms`);
    this.#offsetMs += ms;
    const due = [...this.#pending].filter((t) => t.dueAt <= this.now()).sort((a, b) => a.dueAt - b.dueAt);
    for (const timer of due) this.#fire(timer);
  }

  /** Runs `callback` once Stratus time reaches now + ms. Timers never keep the process alive. */
  setTimeout(callback: () => void, ms: number): ClockTimer {
    const timer: PendingTimer = { dueAt: this.now() + Math.max(0, ms), callback, handle: undefined };
    this.#pending.add(timer);
    this.#arm(timer);
    return { cancel: () => this.#cancel(timer) };
  }

  /** Runs `callback` every `ms` of Stratus time until cancelled. */
  setInterval(callback: () => void, ms: number): ClockTimer {
    let current: ClockTimer | undefined;
    let cancelled = false;
    const schedule = () => {
      current = this.setTimeout(() => {
        if (cancelled) return;
        schedule();
        callback();
      }, ms);
    };
    schedule();
    return {
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  }

  /** Cancels every pending timer (used when an instance stops). */
  cancelAll(): void {
    for (const timer of this.#pending) this.#cancel(timer);
  }

  #arm(timer: PendingTimer): void {
    // Real timers are capped so a far-future due time is re-checked rather than overflowing.
    const delay = Math.min(Math.max(0, timer.dueAt - this.now()), 2 ** 31 - 1);
    timer.handle = setTimeout(() => {
      if (timer.dueAt <= this.now()) this.#fire(timer);
      else this.#arm(timer);
    }, delay);
    timer.handle.unref();
  }

  #fire(timer: PendingTimer): void {
    if (!this.#pending.delete(timer)) return;
    clearTimeout(timer.handle);
    timer.callback();
  }

  #cancel(timer: PendingTimer): void {
    this.#pending.delete(timer);
    clearTimeout(timer.handle);
  }
}
