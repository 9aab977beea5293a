import { fileURLToPath } from 'node:url';
import type { CannonSummary } from './cannon.ts';
import type { Processes } from './processes.ts';
import { median } from './stats.ts';

export interface LoadOptions {
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
}

/** What the load generator process prints: its measured window's figures. */
export type LoadResult = CannonSummary;

const CANNON = fileURLToPath(new URL('../load/cannon.ts', import.meta.url));

/** Loads `url` from a separate process (so the generator does not share the target's event loop). */
export async function runLoad(processes: Processes, url: string, options: LoadOptions): Promise<LoadResult> {
  const args = [CANNON, '--url', url, '--connections', String(options.connections)];
  args.push('--duration', String(options.durationS), '--warmup', String(options.warmupS));
  const child = processes.start('load generator', process.execPath, args, { cwd: process.cwd() });
  const code = await child.exited;
  const last = child.tail(1);
  if (code !== 0) throw new Error(`the load generator exited with ${code}:\n${child.tail()}`);
  return JSON.parse(last) as LoadResult;
}

/**
 * The rounds of one target as one result: requests per second over all the measured time; the latency
 * percentiles are the median of the rounds' (each round's are exact, over every response of it).
 */
export function combineRounds(rounds: readonly LoadResult[]): LoadResult {
  const sum = (pick: (round: LoadResult) => number) =>
    rounds.reduce((total, round) => total + pick(round), 0);
  const ok = sum((r) => r.ok);
  const durationS = sum((r) => r.durationS);
  return {
    ok,
    durationS,
    requestsPerSecond: ok / durationS,
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}
