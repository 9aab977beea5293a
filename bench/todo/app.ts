import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type Processes, waitUntil } from '../lib/processes.ts';
import { deployedStackOutputs } from '../lib/stack.ts';
import { childEnv, REPO_DIR, START_TIMEOUT_MS } from '../targets/target.ts';

const STACK = 'MyTodoList';
const APP_DIR = join(REPO_DIR, 'apps/todo');
/**
 * `stratus dev` gives the CDK app the context of cdk.json and cdk.context.json, as `cdk synth` does, and has no
 * `-c` option: DAX off is `{"dax": false}` in cdk.context.json for as long as the synth takes. The file is part of
 * the sources' hash, so the next `stratus dev apps/todo` synthesizes again (with DAX) once it is gone.
 */
const CONTEXT_FILE = join(APP_DIR, 'cdk.context.json');

/** MyTodoList deployed by `stratus dev apps/todo --ephemeral` in its own process. */
export interface TodoApp {
  readonly endpoint: string;
  /** The prod stage's invoke URL (no trailing slash). */
  readonly api: string;
  readonly outputs: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTodoApp(processes: Processes, dax: boolean): Promise<TodoApp> {
  const [port, httpsPort] = [await freePort(), await freePort()];
  const cli = join(REPO_DIR, 'packages/stratus/src/cli/main.ts');
  const args = [
    cli,
    'dev',
    APP_DIR,
    '--ephemeral',
    '--port',
    String(port),
    '--https-port',
    String(httpsPort),
  ];
  if (existsSync(CONTEXT_FILE))
    throw new Error(`${CONTEXT_FILE} exists: the benchmark will not overwrite it`);
  if (!dax) writeFileSync(CONTEXT_FILE, `${JSON.stringify({ dax: false })}\n`);
  const removeContext = () => {
    if (!dax) rmSync(CONTEXT_FILE, { force: true });
  };
  const child = processes.start(
    `Stratus (DAX ${dax ? 'on' : 'off'})`,
    process.execPath,
    [...args, '--no-watch'],
    {
      cwd: REPO_DIR,
      env: childEnv,
    },
  );
  const stop = () => child.stop().finally(removeContext);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(child, 'the synth', START_TIMEOUT_MS, async () =>
      /Synthesized|Sources unchanged/.test(child.tail(200)) ? true : undefined,
    );
    removeContext();
    const outputs = await deployedStackOutputs(child, endpoint, STACK, START_TIMEOUT_MS);
    if (dax !== 'DaxEndpoint' in outputs) {
      throw new Error(`the stack has DAX ${dax ? 'off' : 'on'}: outputs ${Object.keys(outputs).join(', ')}`);
    }
    const api = `${endpoint}/restapis/${outputs.ApiId}/prod/_user_request_`;
    return { endpoint, api, outputs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
