/**
 * Fixed-size buffers for sending file bodies, reused once the socket has taken them: a fresh
 * buffer per chunk (and its garbage collection) was most of what a large GET cost. Owned by an
 * instance. Keeps at most `maxIdle` buffers between responses, and hands out more than `budget`
 * at once only to a response that holds none (so every response makes progress).
 */
export class BufferPool {
  readonly size: number;
  readonly #maxIdle: number;
  readonly #budget: number;
  readonly #idle: Buffer[] = [];
  #outstanding = 0;

  constructor(options: { size: number; maxIdle: number; budget: number }) {
    this.size = options.size;
    this.#maxIdle = options.maxIdle;
    this.#budget = options.budget;
  }

  /** Buffers handed out and not yet given back. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Whether a response that already holds buffers may take one more. */
  get available(): boolean {
    return this.#idle.length > 0 || this.#outstanding < this.#budget;
  }

  take(): Buffer {
    this.#outstanding++;
    return this.#idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Back for reuse: only once nothing (a read, a socket write) can touch it any more. */
  give(buffer: Buffer): void {
    this.#outstanding--;
    if (this.#idle.length < this.#maxIdle) this.#idle.push(buffer);
  }

  /** Never coming back (writes the closed socket will not report): counted out, left to the collector. */
  lose(count: number): void {
    this.#outstanding -= count;
  }
}
