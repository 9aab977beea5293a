import { parseArgs } from 'node:util';
import { measureLambda } from './lib/lambda.ts';
import { combineRounds, type LoadResult, runLoad } from './lib/load.ts';
import { busyShare, loadAverage, printRunHeader } from './lib/machine.ts';
import { processesStoppedOnExit } from './lib/processes.ts';
import {
  floorLine,
  goalsTable,
  httpTable,
  lambdaTable,
  NO_LAMBDA_API,
  roundsLine,
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
    rounds: { type: 'string', default: '3' },
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
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds: a whole number of 1 or more, not ${values.rounds}`);
/** Seconds of load thrown away before each later round: the target sat idle while the others were loaded. */
const REWARM_S = Math.min(1, load.warmupS);

const processes = processesStoppedOnExit();

printRunHeader('bench/run.ts');
console.log(
  `HTTP: ${load.connections} connections, ${load.durationS} s measured per target in ${rounds} rounds taken in turns (${load.warmupS} s warm-up before the first, ${REWARM_S} s before the others); Lambda: ${invokes} sequential warm invokes; load average ${loadAverage()}\n`,
);

/** Share of the machine's CPU time busy (before a load) above which the figures are suspect. */
const BUSY_WARNING = 0.1;
const busyTargets = new Set<string>();
/** A target's figures as they are taken: its loads are added round by round. */
type Measuring = { -readonly [K in keyof TargetResult]: TargetResult[K] } & { rounds: LoadResult[] };
/** Each target's figures, in the order of ALL. */
const results = new Map<string, Measuring>();
const started: { target: Target; running: RunningTarget }[] = [];
try {
  // Every target is started (and its Lambda figures taken) first; then they are loaded in turns, round
  // after round, so that the machine's speed drifting during the run (this shared machine's bare server has
  // moved 15% between runs) weighs on every target alike instead of on whichever ran in a slow minute.
  for (const target of ALL.filter((t) => wanted.includes(t.id))) {
    const running = await start(target);
    if (running) started.push({ target, running });
  }
  for (let round = 1; round <= rounds; round++) {
    for (const { target, running } of started) {
      const result = results.get(target.id)!;
      if (result.error) continue;
      try {
        result.rounds.push(await loadRound(target, running, round));
      } catch (error) {
        result.error = (error as Error).message ?? String(error);
        console.error(`${target.label}: FAILED ${result.error}`);
      }
    }
  }
} finally {
  for (const { running } of started) await running.stop().catch(() => {});
  await processes.stopAll();
}
const measured: TargetResult[] = [...results.values()].map(({ rounds: loads, ...result }) =>
  loads.length > 0 && !result.error ? { ...result, load: combineRounds(loads) } : result,
);

console.log(`\nload average at the end: ${loadAverage()}`);
console.log(`\n${httpTable(measured, load.connections)}\n`);
if (measured.some((r) => !NO_LAMBDA_API.includes(r.id))) console.log(`${lambdaTable(measured)}\n`);
if (wanted.includes('stratus')) console.log(`${goalsTable(measured)}\n`);
const perRound = roundsLine([...results.values()]);
if (perRound) console.log(`${perRound}\n`);
const floor = floorLine(measured);
if (floor) console.log(`${floor}\n`);
if (busyTargets.size > 0) {
  console.log(
    `WARNING: the machine was busy with other work before loading ${[...busyTargets].join(', ')}: rerun for fair figures.`,
  );
}
if (measured.some((r) => r.error)) process.exitCode = 1;

/** Starts a target, checks its answer and takes its Lambda figures; undefined when it cannot serve. */
async function start(target: Target): Promise<RunningTarget | undefined> {
  const result: Measuring = { id: target.id, label: target.label, rounds: [] };
  results.set(target.id, result);
  try {
    console.log(`${target.label}: starting`);
    const running = await target.start(processes);
    const answer = await fetch(running.url);
    const body = await answer.text();
    if (answer.status !== 200 || body !== EXPECTED_BODY) {
      await running.stop();
      throw new Error(`GET ${running.url} answered ${answer.status} ${body.slice(0, 300)}`);
    }
    // Before any load: the functions are still cold.
    if (running.lambda) {
      try {
        result.lambda = await measureLambda(running.lambda, EXPECTED_BODY, invokes);
        console.log(
          `${target.label}: cold start ${result.lambda.coldMs.toFixed(2)} ms, warm p50 ${result.lambda.warmP50Ms.toFixed(2)} ms`,
        );
      } catch (error) {
        result.lambdaError = (error as Error).message;
        console.error(`${target.label}: Lambda FAILED ${result.lambdaError}`);
      }
    }
    return running;
  } catch (error) {
    result.error = (error as Error).message ?? String(error);
    console.error(`${target.label}: FAILED ${result.error}`);
    return undefined;
  }
}

/** One round of load on a started target. */
async function loadRound(target: Target, running: RunningTarget, round: number): Promise<LoadResult> {
  // Other work on this 2-core machine skews every figure: say how busy it was before the load.
  const busy = await busyShare();
  if (busy > BUSY_WARNING) busyTargets.add(target.label);
  console.log(
    `${target.label}, round ${round}: machine ${(busy * 100).toFixed(0)}% busy before the load (load average ${loadAverage()}); loading ${running.url}`,
  );
  const result = await runLoad(processes, running.url, {
    ...load,
    durationS: load.durationS / rounds,
    warmupS: round === 1 ? load.warmupS : REWARM_S,
  });
  console.log(
    `${target.label}, round ${round}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms`,
  );
  return result;
}
