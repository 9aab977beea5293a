// One load run with autocannon, for the load-generator processes (load/cannon.ts, todo/cannon.ts): a warm-up
// whose figures are thrown away, then a fixed-duration run whose 2xx latencies are kept per response
// (autocannon's own histogram rounds to whole milliseconds, too coarse for a hello world).
import { createRequire } from 'node:module';
import { percentile } from './stats.ts';

interface AutocannonResult {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
/** autocannon's options as the generators use them (`requests` for per-request paths and headers). */
export interface CannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly requests?: readonly {
    setupRequest: (request: CannonRequest) => CannonRequest;
    onResponse: (status: number, body: string) => void;
  }[];
}
export interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
type Autocannon = (
  options: CannonOptions & { duration: number; timeout: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The measured window's figures, as the generators print them. */
export interface CannonSummary {
  readonly ok: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

function load(
  options: CannonOptions,
  durationS: number,
  onResponse?: (status: number, ms: number) => void,
): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ ...options, duration: durationS, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/** Warms up for `warmupS` (figures dropped), then loads for `durationS` and summarizes that window. */
export async function runCannon(
  options: CannonOptions,
  warmupS: number,
  durationS: number,
): Promise<CannonSummary> {
  if (warmupS > 0) await load(options, warmupS);
  const latencies: number[] = [];
  const result = await load(options, durationS, (status, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  return {
    ok: latencies.length,
    durationS: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
