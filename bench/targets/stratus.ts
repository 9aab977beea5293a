import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../lib/processes.ts';
import { deployedStackOutputs } from '../lib/stack.ts';
import { BENCH_DIR, childEnv, REPO_DIR, START_TIMEOUT_MS, type Target } from './target.ts';

const STACK = 'StratusBench';
const APP_DIR = join(BENCH_DIR, 'apps/api');

/**
 * The app's cloud assembly is removed before and after each run: `stratus dev` reuses it while the app's own
 * files are unchanged, and the handler (bench/functions) lies outside the app, so a stale asset could be served.
 */
const removeCloudAssembly = () => rmSync(join(APP_DIR, 'cdk.out'), { recursive: true, force: true });

/** Stratus as a user runs it: `stratus dev bench/apps/api --ephemeral` in its own process. */
export const stratusTarget: Target = {
  id: 'stratus',
  label: 'Stratus',
  async start(processes, options) {
    const [port, httpsPort] = [await freePort(), await freePort()];
    const cli = join(REPO_DIR, 'packages/stratus/src/cli/main.ts');
    const args = [
      ...(options?.nodeArgs ?? []),
      cli,
      'dev',
      APP_DIR,
      '--ephemeral',
      '--port',
      String(port),
      '--https-port',
      String(httpsPort),
      '--no-watch',
    ];
    removeCloudAssembly();
    const child = processes.start('Stratus', process.execPath, args, { cwd: REPO_DIR, env: childEnv });
    const stop = () => child.stop().finally(removeCloudAssembly);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      const outputs = await deployedStackOutputs(child, endpoint, STACK, START_TIMEOUT_MS);
      const url = `${endpoint}/restapis/${outputs.ApiId}/${outputs.StageName}/_user_request_/hello`;
      const coldFunctions = Object.keys(outputs)
        .filter((key) => /^Cold\d+FunctionName$/.test(key))
        .sort()
        .map((key) => outputs[key]);
      return { url, lambda: { endpoint, coldFunctions }, stop };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};
