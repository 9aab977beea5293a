// The load process of the data benchmarks, run by data.ts once per target and operation: it sets up what the
// operation needs, runs N virtual clients (one AWS SDK v3 client each, or with `--client http` each replaying
// requests the SDK signed, see replay.ts) in a closed loop for a warm-up whose figures
// are thrown away, then for the measured duration, and prints one JSON line (an OperationResult).
// The clients are spread over `--threads` worker threads (2 by default): one Node thread of SDK clients needs
// about twice a server's CPU per request and was the limit of several operations, not the server.

import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { percentile } from '../lib/stats.ts';
import { processCpuSeconds } from './cpu.ts';
import { dynamodbOperation } from './dynamodb-ops.ts';
import type { Operation, OperationOptions } from './operation.ts';
import { s3Operation } from './s3-ops.ts';

export interface OperationResult {
  readonly operation: string;
  /** Requests answered correctly in the measured window. */
  readonly ok: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly durationS: number;
  readonly opsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time the target's process spent per answered request (all its threads), where /proc tells. */
  readonly targetCpuMsPerOp?: number;
  /** Cores' worth of CPU the load process itself used (all its threads): near `threads`, it may be the limit. */
  readonly loadCpuShare: number;
}

interface Window {
  ok: number;
  errors: number;
  firstError?: string;
  latencies: number[];
  durationS: number;
}

/** What a load thread is told: its share of the clients and the windows to run. */
interface ThreadTask {
  readonly suite: string;
  readonly operation: string;
  readonly options: OperationOptions;
  /** This thread runs the clients c with c % threads === index. */
  readonly index: number;
  readonly threads: number;
  readonly warmupS: number;
  readonly durationS: number;
}

type ThreadMessage = { readonly type: 'measuring' } | { readonly type: 'done'; readonly window: Window };

function operationOf(suite: string, name: string, options: OperationOptions): Operation {
  return suite === 's3' ? s3Operation(name, options) : dynamodbOperation(name, options);
}

/** Every client of this thread sends its next request as soon as its last one is answered, until `seconds` have passed. */
async function closedLoop(
  operation: Operation,
  clients: readonly number[],
  seconds: number,
): Promise<Window> {
  const window: Window = { ok: 0, errors: 0, latencies: [], durationS: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (c: number) => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        await operation.run(c);
        window.latencies.push(performance.now() - sent);
        window.ok++;
      } catch (error) {
        window.errors++;
        window.firstError ??= `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(clients.map(client));
  window.durationS = (performance.now() - started) / 1000;
  return window;
}

/** A load thread: builds its own SDK clients, warms up, tells the main thread, measures, reports. */
async function runThread(task: ThreadTask): Promise<void> {
  const operation = operationOf(task.suite, task.operation, task.options);
  const clients = Array.from({ length: task.options.clients }, (_, c) => c).filter(
    (c) => c % task.threads === task.index,
  );
  await operation.prepare?.(clients);
  if (task.warmupS > 0) await closedLoop(operation, clients, task.warmupS);
  parentPort!.postMessage({ type: 'measuring' } satisfies ThreadMessage);
  const window = await closedLoop(operation, clients, task.durationS);
  parentPort!.postMessage({ type: 'done', window } satisfies ThreadMessage);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string', default: 'dynamodb' },
      operation: { type: 'string' },
      endpoint: { type: 'string' },
      'access-key': { type: 'string', default: 'test' },
      'secret-key': { type: 'string', default: 'test' },
      clients: { type: 'string', default: '16' },
      threads: { type: 'string', default: '2' },
      client: { type: 'string', default: 'sdk' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      pid: { type: 'string' },
    },
  });
  if (!values.endpoint || !values.operation) throw new Error('--endpoint and --operation are required');
  const options: OperationOptions = {
    endpoint: values.endpoint,
    accessKeyId: values['access-key'],
    secretAccessKey: values['secret-key'],
    clients: Number(values.clients),
    client: values.client === 'http' ? 'http' : 'sdk',
  };
  const targetPid = values.pid ? Number(values.pid) : undefined;
  await operationOf(values.suite, values.operation, options).setup();

  const threads = Math.max(1, Math.min(Number(values.threads), options.clients));
  let measuring = 0;
  let cpuBefore: number | undefined;
  let ownBefore = process.cpuUsage();
  const windows = await Promise.all(
    Array.from({ length: threads }, (_, index) => {
      const task: ThreadTask = {
        suite: values.suite,
        operation: values.operation!,
        options,
        index,
        threads,
        warmupS: Number(values.warmup),
        durationS: Number(values.duration),
      };
      const worker = new Worker(new URL(import.meta.url), { workerData: task });
      return new Promise<Window>((resolve, reject) => {
        worker.on('message', (message: ThreadMessage) => {
          if (message.type === 'measuring' && ++measuring === threads) {
            // Every thread is past its warm-up: the measured window starts for the target's CPU too.
            cpuBefore = processCpuSeconds(targetPid);
            ownBefore = process.cpuUsage();
          } else if (message.type === 'done') resolve(message.window);
        });
        worker.once('error', reject);
      });
    }),
  );
  const own = process.cpuUsage(ownBefore);
  const cpuAfter = processCpuSeconds(targetPid);

  const ok = windows.reduce((sum, w) => sum + w.ok, 0);
  const durationS = Math.max(...windows.map((w) => w.durationS));
  const latencies = windows.flatMap((w) => w.latencies);
  const result: OperationResult = {
    operation: values.operation,
    ok,
    errors: windows.reduce((sum, w) => sum + w.errors, 0),
    firstError: windows.find((w) => w.firstError)?.firstError,
    durationS,
    opsPerSecond: ok / durationS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    targetCpuMsPerOp:
      cpuBefore !== undefined && cpuAfter !== undefined && ok > 0
        ? ((cpuAfter - cpuBefore) * 1000) / ok
        : undefined,
    loadCpuShare: (own.user + own.system) / 1e6 / durationS,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // SDK clients keep sockets alive: exit rather than wait for them.
  process.exit(0);
}

if (isMainThread) await main();
else await runThread(workerData as ThreadTask);
