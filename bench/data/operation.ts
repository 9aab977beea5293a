/** One benchmarked operation of a suite, run by the load process against one target. */
export interface Operation {
  /** As in the tables: the AWS operation, and the object size where it matters. */
  readonly name: string;
  /** Creates and seeds what the operation needs (not measured). */
  setup(): Promise<void>;
  /** Readies a load thread's own clients before its warm-up (not measured): e.g. signs the requests it replays. */
  prepare?(clients: readonly number[]): Promise<void>;
  /** One request by virtual client `client` (0 … clients − 1); throws when the answer is wrong. */
  run(client: number): Promise<void>;
}

export interface OperationOptions {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Concurrent virtual clients: each gets its own SDK client (and so its own keep-alive connection). */
  readonly clients: number;
  /**
   * `sdk`: every request made and its answer read by the AWS SDK v3. `http`: requests signed once by the SDK, then
   * replayed over keep-alive HTTP (replay.ts), so that the server and not the SDK's per-request work is the limit.
   */
  readonly client: 'sdk' | 'http';
}

/** Runs `work` over `items` with at most `concurrency` at a time (for seeding). */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export const randomInt = (below: number) => Math.floor(Math.random() * below);
