import { join } from 'node:path';
import { freePort, waitUntil } from '../lib/processes.ts';
import { BENCH_DIR, START_TIMEOUT_MS, type Target } from './target.ts';

/** A target that is one script of bench/peers serving GET /hello on the port it is given. */
export function standaloneServer(id: string, label: string, script: string): Target {
  return {
    id,
    label,
    async start(processes, options) {
      const port = await freePort();
      const child = processes.start(
        label,
        process.execPath,
        [...(options?.nodeArgs ?? []), join(BENCH_DIR, 'peers', script), String(port)],
        {
          cwd: BENCH_DIR,
        },
      );
      const url = `http://127.0.0.1:${port}/hello`;
      await waitUntil(child, 'its port', START_TIMEOUT_MS, async () =>
        (await fetch(url)).ok ? true : undefined,
      );
      return { url, stop: () => child.stop() };
    },
  };
}
