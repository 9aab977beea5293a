// The load generator, run in its own process by lib/load.ts: autocannon with N keep-alive connections, a
// warm-up whose figures are thrown away, then a fixed-duration run. Latencies are kept per response (autocannon's
// own histogram rounds to whole milliseconds, too coarse for a hello world), and the result is one JSON line.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { percentile } from '../lib/stats.ts';

interface AutocannonResult {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; timeout: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
});
if (!values.url) throw new Error('--url is required');
const url = values.url;
const connections = Number(values.connections);

function load(
  durationS: number,
  onResponse?: (status: number, ms: number) => void,
): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: durationS, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

if (Number(values.warmup) > 0) await load(Number(values.warmup));
const latencies: number[] = [];
const result = await load(Number(values.duration), (status, ms) => {
  if (status >= 200 && status < 300) latencies.push(ms);
});
process.stdout.write(
  `${JSON.stringify({
    ok: latencies.length,
    durationS: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
