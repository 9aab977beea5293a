// `npm run bench:data` (from the repository root): DynamoDB and S3 data-plane throughput through the AWS SDK v3,
// Stratus beside dynalite and s3rver in one run, one target at a time, each loaded from its own load process.
// Options: --suites dynamodb,s3  --targets <ids>  --operations <names>  --clients 16  --duration 10  --warmup 2
//          --rounds 1  (every target again, in the same order: medians and per-round ratios on a noisy machine)
//          --cpu-prof <dir>  (profile the Stratus processes: one .cpuprofile per Stratus target started)
//          --client sdk|http  (sdk: the AWS SDK v3 makes every request; http: S3 only, requests signed once by the SDK
//          and replayed over keep-alive HTTP, so that the server is the limit and not the load process)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DYNAMODB_OPERATIONS } from './data/dynamodb-ops.ts';
import type { OperationResult } from './data/load.ts';
import { goalsTable, type Measured, operationTable } from './data/report.ts';
import { S3_OPERATIONS } from './data/s3-ops.ts';
import { DATA_TARGETS, type DataTarget, type RunningDataTarget, type Suite } from './data/targets.ts';
import { busyShare, loadAverage, printRunHeader, settleDisk } from './lib/machine.ts';
import { processesStoppedOnExit } from './lib/processes.ts';
import { REPO_DIR } from './targets/target.ts';

const OPERATIONS: Record<Suite, readonly string[]> = { dynamodb: DYNAMODB_OPERATIONS, s3: S3_OPERATIONS };
const LOAD = fileURLToPath(new URL('./data/load.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    suites: { type: 'string', default: 'dynamodb,s3' },
    targets: {
      type: 'string',
      default: DATA_TARGETS.filter((t) => !t.floor)
        .map((t) => t.id)
        .join(','),
    },
    operations: { type: 'string' },
    clients: { type: 'string', default: '16' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    client: { type: 'string', default: 'sdk' },
  },
});
if (values.client !== 'sdk' && values.client !== 'http') throw new Error('--client is sdk or http');
const suites = values.suites.split(',').map((s) => s.trim()) as Suite[];
for (const suite of suites)
  if (!(suite in OPERATIONS)) throw new Error(`unknown suite ${suite}: dynamodb or s3`);
if (values.client === 'http' && suites.includes('dynamodb'))
  throw new Error('--client http replays S3 requests only: run it with --suites s3');
const wantedTargets = values.targets.split(',').map((id) => id.trim());
const unknownTargets = wantedTargets.filter((id) => !DATA_TARGETS.some((t) => t.id === id));
if (unknownTargets.length > 0) {
  const known = [...new Set(DATA_TARGETS.map((t) => t.id))].join(', ');
  throw new Error(`unknown target(s) ${unknownTargets.join(', ')}: choose from ${known}`);
}
const wantedOperations = values.operations?.split(',').map((o) => o.trim());
const cpuProfileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
const load = {
  clients: values.clients,
  duration: values.duration,
  warmup: values.warmup,
  client: values.client,
};
const rounds = Number(values.rounds);

const processes = processesStoppedOnExit();

printRunHeader('bench/data.ts');
console.log(
  `${load.clients} clients (${load.client === 'http' ? 'each replaying requests signed once by the AWS SDK v3, over keep-alive HTTP' : 'one AWS SDK v3 client each'}), closed loop, ${load.warmup} s warm-up then ${load.duration} s measured, ${rounds} round(s); load average ${loadAverage()}\n`,
);

const measured: Measured[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    for (const suite of suites) {
      const operations = OPERATIONS[suite].filter((o) => !wantedOperations || wantedOperations.includes(o));
      for (const target of DATA_TARGETS.filter((t) => t.suite === suite && wantedTargets.includes(t.id))) {
        if (rounds > 1) console.log(`round ${round} of ${rounds}`);
        const served = operations.filter((o) => !target.operations || target.operations.includes(o));
        measured.push(...(await measureTarget(target, served, round)));
        await processes.stopAll();
      }
    }
  }
} finally {
  await processes.stopAll();
}

for (const suite of suites) {
  console.log(`\n## ${suite === 'dynamodb' ? 'DynamoDB' : 'S3'}\n`);
  const operations = OPERATIONS[suite].filter((o) => measured.some((m) => m.operation === o));
  for (const operation of operations) {
    const rows = measured.filter((m) => m.operation === operation && m.target.suite === suite);
    console.log(`${operationTable(operation, rows, Number(load.clients))}\n`);
  }
  if (measured.some((m) => m.target.suite === suite && m.target.stratus)) {
    console.log(`${goalsTable(operations, measured)}\n`);
  }
}
console.log(`load average at the end: ${loadAverage()}`);
if (measured.some((m) => m.error || (m.result?.errors ?? 0) > 0)) process.exitCode = 1;

async function measureTarget(
  target: DataTarget,
  operations: readonly string[],
  round: number,
): Promise<Measured[]> {
  console.log(`${target.label}: starting`);
  let running: RunningDataTarget;
  try {
    running = await target.start(processes, { cpuProfileDir: target.stratus ? cpuProfileDir : undefined });
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    console.error(`${target.label}: FAILED to start: ${message}`);
    return operations.map((operation) => ({ target, operation, round, error: message }));
  }
  const results: Measured[] = [];
  try {
    for (const operation of operations) {
      settleDisk();
      const busy = await busyShare();
      try {
        const result = await runLoad(target, running, operation);
        const cpu =
          result.targetCpuMsPerOp === undefined ? '' : `, ${result.targetCpuMsPerOp.toFixed(3)} ms CPU/op`;
        console.log(
          `${target.label}: ${operation}: ${result.opsPerSecond.toFixed(1)} ops/s, p50 ${result.p50Ms?.toFixed(2)} ms${cpu}` +
            ` (machine ${(busy * 100).toFixed(0)}% busy before, load average ${loadAverage()})`,
        );
        if (result.errors > 0)
          console.error(`${target.label}: ${operation}: ${result.errors} errors: ${result.firstError}`);
        results.push({ target, operation, round, result });
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        console.error(`${target.label}: ${operation}: FAILED ${message}`);
        results.push({ target, operation, round, error: message });
      }
    }
  } finally {
    await running.stop();
  }
  return results;
}

/** One operation against a started target, from a load process of its own. */
async function runLoad(
  target: DataTarget,
  running: RunningDataTarget,
  operation: string,
): Promise<OperationResult> {
  const args = [LOAD, '--suite', target.suite, '--operation', operation, '--endpoint', running.endpoint];
  args.push(
    '--access-key',
    running.credentials.accessKeyId,
    '--secret-key',
    running.credentials.secretAccessKey,
  );
  args.push('--clients', load.clients, '--duration', load.duration, '--warmup', load.warmup);
  args.push('--client', load.client);
  if (running.pid !== undefined) args.push('--pid', String(running.pid));
  const child = processes.start('load process', process.execPath, args, { cwd: REPO_DIR });
  const code = await child.exited;
  if (code !== 0) throw new Error(`the load process exited with ${code}:\n${child.tail()}`);
  return JSON.parse(child.tail(1)) as OperationResult;
}
