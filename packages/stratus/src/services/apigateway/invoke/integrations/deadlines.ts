/** One pending call: `expire` is cleared once the call settles. */
interface Pending {
  readonly dueAt: number;
  expire: (() => void) | undefined;
}

/** The pending calls of one timeout length, in deadline order (they were added in time order). */
interface Queue {
  items: Pending[];
  head: number;
  /** Calls in `items` still pending. */
  live: number;
}

/**
 * Integration timeouts without a timer per request (a `setTimeout` and a `clearTimeout` per request
 * showed up under load). Calls of one timeout length expire in the order they started, so each length
 * keeps a queue and one timer waits for the earliest head; a call that settles leaves its place
 * empty and the head moves past settled calls. Nothing stays armed once no call is pending.
 * Real time (`performance.now()`), as the integration's timeout is.
 */
export class Deadlines {
  readonly #queues = new Map<number, Queue>();
  #pending = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerDueAt = Number.POSITIVE_INFINITY;
  readonly #now: () => number;

  /** `now`: real time in milliseconds, monotonic (tests may pass a mocked clock that moves with their timers). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Settles with `work`, or rejects with `onTimeout()` after `ms` (the call runs on, its late answer dropped). */
  race<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending = this.#add(ms, () => reject(onTimeout()));
      work.then(
        (value) => {
          this.#settle(pending, ms);
          resolve(value);
        },
        (error: unknown) => {
          this.#settle(pending, ms);
          reject(error);
        },
      );
    });
  }

  #add(ms: number, expire: () => void): Pending {
    let queue = this.#queues.get(ms);
    if (!queue) this.#queues.set(ms, (queue = { items: [], head: 0, live: 0 }));
    const pending: Pending = { dueAt: this.#now() + ms, expire };
    queue.items.push(pending);
    queue.live++;
    this.#pending++;
    if (pending.dueAt < this.#timerDueAt) this.#arm(pending.dueAt);
    return pending;
  }

  #settle(pending: Pending, ms: number): void {
    if (!pending.expire) return; // expired already
    pending.expire = undefined;
    this.#pending--;
    const queue = this.#queues.get(ms)!;
    queue.live--;
    this.#advance(queue);
    if (this.#pending === 0) this.#disarm();
  }

  /**
   * Drops settled calls from the head of a queue, and settled ones behind a long-pending head once
   * they are most of the queue (so a slow call does not keep every later request's entry alive).
   */
  #advance(queue: Queue): void {
    const { items } = queue;
    while (queue.head < items.length && !items[queue.head]!.expire) queue.head++;
    if (queue.head === items.length) {
      items.length = 0;
      queue.head = 0;
    } else if (items.length >= 1024 && items.length >= 4 * queue.live) {
      queue.items = items.filter((item) => item.expire);
      queue.head = 0;
    }
  }

  #arm(dueAt: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerDueAt = dueAt;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, dueAt - this.#now()));
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerDueAt = Number.POSITIVE_INFINITY;
  }

  #fire(): void {
    // The timer was set for this instant: what is due by then is due, however the clock rounded.
    const now = Math.max(this.#now(), this.#timerDueAt);
    this.#timer = undefined;
    this.#timerDueAt = Number.POSITIVE_INFINITY;
    let next = Number.POSITIVE_INFINITY;
    for (const queue of this.#queues.values()) {
      for (;;) {
        this.#advance(queue);
        const head = queue.items[queue.head];
        if (!head) break;
        if (head.dueAt > now) {
          next = Math.min(next, head.dueAt);
          break;
        }
        const expire = head.expire!;
        head.expire = undefined;
        queue.live--;
        this.#pending--;
        expire();
      }
    }
    if (this.#pending > 0 && next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
