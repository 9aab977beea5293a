import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../errors.ts';

/** Deletes the state folder, refusing while a Stratus on the same port still uses it. */
export async function resetCommand(options: { dataDir: string; endpoint: string }): Promise<void> {
  const dir = resolve(options.dataDir);
  const running = await fetch(`${options.endpoint}/_stratus/health`, {
    signal: AbortSignal.timeout(1000),
  }).then(
    (r) => r.ok,
    () => false,
  );
  if (running)
    throw new CliError(`A Stratus is running at ${options.endpoint}`, 'Stop it first (Ctrl-C), then reset.');
  if (!existsSync(dir)) {
    console.log(`Nothing to reset: ${dir} does not exist.`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`Removed ${dir}.`);
}
