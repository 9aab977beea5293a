import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LambdaTarget } from '../lib/lambda.ts';
import type { Processes } from '../lib/processes.ts';

export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The body every target must answer GET /hello with (the shared handler's). */
export const EXPECTED_BODY = JSON.stringify({ message: 'Hello, world!' });

/** How long a target may take to start (Stratus synthesizes and deploys a CDK app first). */
export const START_TIMEOUT_MS = 180_000;

/** Children inherit this Node (24) first on their PATH, whatever `node` the machine has. */
export const childEnv = { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };

export interface RunningTarget {
  /** GET this for the shared handler's answer. */
  readonly url: string;
  /** Where the target serves the Lambda Invoke API, if it does. */
  readonly lambda?: LambdaTarget;
  stop(): Promise<void>;
}

export interface Target {
  readonly id: string;
  /** What it is, for the table. */
  readonly label: string;
  /** `nodeArgs` go before the script of the target's own Node process, where it has one (e.g. `--cpu-prof`). */
  start(processes: Processes, options?: { readonly nodeArgs?: readonly string[] }): Promise<RunningTarget>;
}
