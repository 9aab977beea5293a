import { cpus } from 'node:os';

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
