import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

/**
 * Writes every dirty page of the machine to disk (`sync`), so that a load does not pay the writeback
 * of what an earlier target wrote (s3rver leaves gigabytes of dirty pages after PutObject 8 MB).
 */
export function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/** The share (0–1) of all cores' time spent busy over the next `ms`: what else is running on the machine. */
export async function busyShare(ms = 1000): Promise<number> {
  const sum = () =>
    cpus().reduce(
      (acc, cpu) => {
        const { idle, user, nice, sys, irq } = cpu.times;
        return { idle: acc.idle + idle, total: acc.total + idle + user + nice + sys + irq };
      },
      { idle: 0, total: 0 },
    );
  const before = sum();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sum();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The run's first lines: the command and the machine it runs on. */
export function printRunHeader(script: string): void {
  console.log(`${script} ${process.argv.slice(2).join(' ')}`.trim());
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString()}`,
  );
}
