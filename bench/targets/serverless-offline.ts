import { join } from 'node:path';
import { freePort, waitUntil } from '../lib/processes.ts';
import { BENCH_DIR, childEnv, START_TIMEOUT_MS, type Target } from './target.ts';

const SERVICE = 'stratus-bench';
const STAGE = 'bench';

/** serverless-offline (with the serverless framework v3) serving bench/peers/serverless.yml. */
export const serverlessOfflineTarget: Target = {
  id: 'serverless-offline',
  label: 'serverless-offline',
  async start(processes) {
    const [httpPort, lambdaPort, websocketPort] = [await freePort(), await freePort(), await freePort()];
    const cli = join(BENCH_DIR, 'node_modules/serverless/bin/serverless.js');
    const args = [cli, 'offline', 'start', '--host', '127.0.0.1', '--httpPort', String(httpPort)];
    args.push('--lambdaPort', String(lambdaPort), '--websocketPort', String(websocketPort));
    const child = processes.start('serverless-offline', process.execPath, args, {
      cwd: join(BENCH_DIR, 'peers'),
      // No telemetry, update notices or setup prompts: the framework stays offline.
      env: {
        ...childEnv,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_INTERACTIVE_SETUP_DISABLE: '1',
      },
    });
    const url = `http://127.0.0.1:${httpPort}/${STAGE}/hello`;
    await waitUntil(child, 'its HTTP port', START_TIMEOUT_MS, async () =>
      (await fetch(url)).ok ? true : undefined,
    );
    const coldFunctions = [1, 2, 3, 4, 5].map((i) => `${SERVICE}-${STAGE}-cold${i}`);
    return {
      url,
      lambda: { endpoint: `http://127.0.0.1:${lambdaPort}`, coldFunctions },
      stop: () => child.stop(),
    };
  },
};
