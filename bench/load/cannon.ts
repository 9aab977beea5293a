// The load generator, run in its own process by lib/load.ts: autocannon with N keep-alive connections, a
// warm-up whose figures are thrown away, then a fixed-duration run. Latencies are kept per response (autocannon's
// own histogram rounds to whole milliseconds, too coarse for a hello world), and the result is one JSON line.
import { parseArgs } from 'node:util';
import { runCannon } from '../lib/cannon.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
});
if (!values.url) throw new Error('--url is required');
const url = values.url;
const connections = Number(values.connections);

const summary = await runCannon({ url, connections }, Number(values.warmup), Number(values.duration));
process.stdout.write(`${JSON.stringify(summary)}\n`);
