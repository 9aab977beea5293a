import { fileURLToPath } from 'node:url';
import type { CannonSummary } from './cannon.ts';
import type { Processes } from './processes.ts';

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
