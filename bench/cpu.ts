// CPU cost per request of Stratus serving GET /hello (API Gateway → Lambda), for before/after comparisons
// on a shared machine where req/s is noise: a fixed number of requests, CPU time read from /proc for the
// Stratus process (all its threads) and for its main thread alone. `npx node bench/cpu.ts [--requests 20000]
// [--rounds 3] [--connections 32] [--cpu-prof <dir>] [--perf <file>] [--target stratus|floor|bare]`.
// --target floor measures the design floor (bench/peers/worker-floor-server.ts) the same way: what Stratus's
// main thread spends above it is its own code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { Processes } from './lib/processes.ts';
import { bareTarget } from './targets/bare.ts';
import { stratusTarget } from './targets/stratus.ts';
import { workerFloorTarget } from './targets/worker-floor.ts';

type Autocannon = (
  options: { url: string; connections: number; amount: number; timeout: number },
  done: (error: Error | null, result: { non2xx: number; errors: number; '2xx': number }) => void,
) => { on(event: 'response', listener: () => void): void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    target: { type: 'string', default: 'stratus' },
    /** Also sample the Stratus process with `perf record -g` into this file during the measured rounds. */
    perf: { type: 'string' },
    /** Also write a V8 CPU profile of Stratus's main thread into this directory (`node --cpu-prof`). */
    'cpu-prof': { type: 'string' },
  },
});
const requests = Number(values.requests);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process (all threads) or of one thread, in seconds. */
function cpuSeconds(statPath: string): number {
  return statSeconds(readFileSync(statPath, 'utf8'));
}

/** utime + stime from the text of a /proc stat file. */
function statSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** utime + stime in seconds per kind of thread (its name: the main thread, Lambda's workers, V8's GC helpers, …). */
function threadKinds(pid: number): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      kinds.set(name, (kinds.get(name) ?? 0) + statSeconds(stat));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return kinds;
}

/** The main thread's context switches: voluntary (it waited) and involuntary (it was preempted). */
function switches(pid: number): [number, number] {
  const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
  const count = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return [count('voluntary_ctxt_switches'), count('nonvoluntary_ctxt_switches')];
}

/** The server's process: a TypeScript script given the port (`--port N` for Stratus, the last argument for a peer). */
function serverPid(port: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const script = args.some((a) => a.endsWith('cli/main.ts') || a.includes('/peers/'));
      if (script && (args[args.indexOf('--port') + 1] === port || args.at(-1) === port)) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no server process on port ${port}`);
}

/** Resolves with the 2xx count and the seconds from the start to the last response (autocannon's own ends on a 1 s tick). */
function load(url: string, amount: number): Promise<{ ok: number; seconds: number }> {
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: Number(values.connections), amount, timeout: 10 },
      (error, result) => {
        if (error) reject(error);
        else if (result.non2xx || result.errors)
          reject(new Error(`${result.non2xx} non-2xx, ${result.errors} errors`));
        else resolve({ ok: result['2xx'], seconds: (last - started) / 1000 });
      },
    );
    instance.on('response', () => {
      last = performance.now();
    });
  });
}

const processes = new Processes();
const cpuProf = values['cpu-prof'];
const targets = { stratus: stratusTarget, floor: workerFloorTarget, bare: bareTarget };
const chosen = targets[values.target as keyof typeof targets];
if (!chosen) throw new Error(`--target: one of ${Object.keys(targets).join(', ')}`);
const target = await chosen.start(processes, {
  // --perf-basic-prof: perf then names JavaScript functions (from /tmp/perf-<pid>.map).
  nodeArgs: [
    ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []),
    ...(values.perf ? ['--perf-basic-prof'] : []),
  ],
});
try {
  const pid = serverPid(new URL(target.url).port);
  await load(target.url, requests); // warm-up: JIT, environments
  const perf = values.perf
    ? spawn('perf', ['record', '-e', 'cpu-clock', '-g', '-o', values.perf, '-p', String(pid)], {
        stdio: 'ignore',
      })
    : undefined;
  for (let round = 1; round <= Number(values.rounds); round++) {
    const [all, main] = [cpuSeconds(`/proc/${pid}/stat`), cpuSeconds(`/proc/${pid}/task/${pid}/stat`)];
    const [voluntary, involuntary] = switches(pid);
    const kindsBefore = threadKinds(pid);
    const { ok, seconds } = await load(target.url, requests);
    const perRequest = (before: number, path: string) => ((cpuSeconds(path) - before) * 1e6) / ok;
    console.log(
      `round ${round}: ${ok} requests, ${(ok / seconds).toFixed(0)} req/s; CPU µs/request: process ` +
        `${perRequest(all, `/proc/${pid}/stat`).toFixed(1)}, main thread ${perRequest(main, `/proc/${pid}/task/${pid}/stat`).toFixed(1)}; main thread switches/request: ` +
        `waited ${((switches(pid)[0] - voluntary) / ok).toFixed(2)}, preempted ${((switches(pid)[1] - involuntary) / ok).toFixed(2)}`,
    );
    const kinds = [...threadKinds(pid)]
      .map(([kind, seconds]) => [kind, ((seconds - (kindsBefore.get(kind) ?? 0)) * 1e6) / ok] as const)
      .filter(([, micros]) => micros >= 0.05)
      .sort((a, b) => b[1] - a[1]);
    console.log(`  by thread, CPU µs/request: ${kinds.map(([k, m]) => `${k} ${m.toFixed(1)}`).join(', ')}`);
  }
  if (perf) {
    perf.kill('SIGINT');
    await once(perf, 'exit');
  }
} finally {
  await target.stop();
  await processes.stopAll();
}
