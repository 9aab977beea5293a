import { join } from 'node:path';
import { freePort, waitUntil } from '../lib/processes.ts';
import { BENCH_DIR, START_TIMEOUT_MS, type Target } from './target.ts';

/** A bare node:http server answering with the same handler: the ceiling nothing in front of a handler can beat. */
export const bareTarget: Target = {
  id: 'bare',
  label: 'bare node:http (ceiling)',
  async start(processes) {
    const port = await freePort();
    const child = processes.start(
      'bare node:http',
      process.execPath,
      [join(BENCH_DIR, 'peers/bare-server.ts'), String(port)],
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
