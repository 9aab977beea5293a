import { parseArgs } from 'node:util';
import { measureLambda } from './lib/lambda.ts';
import { runLoad } from './lib/load.ts';
import { busyShare, loadAverage, printRunHeader } from './lib/machine.ts';
import { processesStoppedOnExit } from './lib/processes.ts';
import {
  floorLine,
  goalsTable,
  httpTable,
  lambdaTable,
  NO_LAMBDA_API,
  type TargetResult,
} from './lib/report.ts';
import { bareTarget } from './targets/bare.ts';
import { serverlessOfflineTarget } from './targets/serverless-offline.ts';
import { stratusTarget } from './targets/stratus.ts';
import { EXPECTED_BODY, type RunningTarget, type Target } from './targets/target.ts';
import { workerFloorTarget } from './targets/worker-floor.ts';

const ALL: readonly Target[] = [bareTarget, workerFloorTarget, serverlessOfflineTarget, stratusTarget];

const { values } = parseArgs({
  options: {
    targets: { type: 'string', default: ALL.map((t) => t.id).join(',') },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    invokes: { type: 'string', default: '500' },
  },
});
const wanted = values.targets.split(',').map((id) => id.trim());
const unknown = wanted.filter((id) => !ALL.some((t) => t.id === id));
if (unknown.length > 0)
  throw new Error(`unknown target(s) ${unknown.join(', ')}: choose from ${ALL.map((t) => t.id).join(', ')}`);
const load = {
  connections: Number(values.connections),
  durationS: Number(values.duration),
  warmupS: Number(values.warmup),
};
const invokes = Number(values.invokes);

const processes = processesStoppedOnExit();

printRunHeader('bench/run.ts');
console.log(
  `HTTP: ${load.connections} connections, ${load.warmupS} s warm-up then ${load.durationS} s measured; Lambda: ${invokes} sequential warm invokes; load average ${loadAverage()}\n`,
);

const results: TargetResult[] = [];
/** Share of the machine's CPU time busy (before a load) above which the figures are suspect. */
const BUSY_WARNING = 0.1;
const busyTargets: string[] = [];
try {
  for (const target of ALL.filter((t) => wanted.includes(t.id))) {
    results.push(await measure(target));
    await processes.stopAll();
  }
} finally {
  await processes.stopAll();
}

console.log(`\nload average at the end: ${loadAverage()}`);
console.log(`\n${httpTable(results, load.connections)}\n`);
if (results.some((r) => !NO_LAMBDA_API.includes(r.id))) console.log(`${lambdaTable(results)}\n`);
if (wanted.includes('stratus')) console.log(`${goalsTable(results)}\n`);
const floor = floorLine(results);
if (floor) console.log(`${floor}\n`);
if (busyTargets.length > 0) {
  console.log(
    `WARNING: the machine was busy with other work before loading ${busyTargets.join(', ')}: rerun for fair figures.`,
  );
}
if (results.some((r) => r.error)) process.exitCode = 1;

async function measure(target: Target): Promise<TargetResult> {
  const base = { id: target.id, label: target.label };
  try {
    console.log(`${target.label}: starting`);
    const running = await target.start(processes);
    try {
      return { ...base, ...(await measureRunning(target, running)) };
    } finally {
      await running.stop();
    }
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    console.error(`${target.label}: FAILED ${message}`);
    return { ...base, error: message };
  }
}

/** The figures of a started target, whose answer is checked first. */
async function measureRunning(
  target: Target,
  running: RunningTarget,
): Promise<Pick<TargetResult, 'load' | 'lambda' | 'lambdaError'>> {
  const answer = await fetch(running.url);
  const body = await answer.text();
  if (answer.status !== 200 || body !== EXPECTED_BODY) {
    throw new Error(`GET ${running.url} answered ${answer.status} ${body.slice(0, 300)}`);
  }
  // The Lambda figures first: the cold functions are untouched, and a failure here keeps the HTTP figures.
  const lambda = running.lambda
    ? await measureLambda(running.lambda, EXPECTED_BODY, invokes).catch((error: Error) => {
        console.error(`${target.label}: Lambda FAILED ${error.message}`);
        return error;
      })
    : undefined;
  if (lambda && !(lambda instanceof Error)) {
    console.log(
      `${target.label}: cold start ${lambda.coldMs.toFixed(2)} ms, warm p50 ${lambda.warmP50Ms.toFixed(2)} ms`,
    );
  }
  // Other work on this 2-core machine skews every figure: say how busy it was before the load.
  const busy = await busyShare();
  if (busy > BUSY_WARNING) busyTargets.push(target.label);
  console.log(
    `${target.label}: machine ${(busy * 100).toFixed(0)}% busy before the load (load average ${loadAverage()}); loading ${running.url}`,
  );
  const result = await runLoad(processes, running.url, load);
  console.log(
    `${target.label}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms`,
  );
  return lambda instanceof Error ? { load: result, lambdaError: lambda.message } : { load: result, lambda };
}
