// CPU time per S3 PutObject (1 KB and 8 MB), and GetObject 1 KB with --get, with Stratus and a replaying client in one process: the A/B tool for
// changes to the upload path on a shared, noisy machine (cpu-per-request.ts does the same for DynamoDB).
// Usage: node bench/data/s3-cpu-per-request.ts [--root <tree>] [--against <tree>] [--rounds 1] [--small 3000]
//          [--large 60] [--get 0] [--in-flight 8] [--checksum] [--disk] [--threads]
// --root runs Stratus from another checkout (`git worktree add -f /tmp/base HEAD`, node_modules linked). --against
// starts a second instance from a second tree in the same process and alternates measured windows between the two
// (--rounds of each), so both see the same machine load: the way to compare trees while others use the CPUs.
// Requests are signed once by the AWS SDK (as bench/data.ts's clients send them: a signed x-amz-content-sha256,
// `requestChecksumCalculation: WHEN_REQUIRED`; with --checksum, the SDK's default, which adds x-amz-checksum-crc32)
// and replayed over HTTP: 1 KB on keep-alive connections, 8 MB each on a new connection with
// `Expect: 100-continue`, as the SDK sends a large body. The figures are the process's user+system CPU per answered
// request (writer threads included) and the main thread's share; both include the (small, identical) client side.
// --disk keeps state on disk (fsynced files) instead of --ephemeral; --threads prints CPU per thread.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { REPO_DIR } from '../targets/target.ts';
import { replay as replayRequest, requestSigner, type SignedRequest } from './replay.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: REPO_DIR },
    against: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    small: { type: 'string', default: '3000' },
    large: { type: 'string', default: '60' },
    get: { type: 'string', default: '0' },
    'in-flight': { type: 'string', default: '8' },
    checksum: { type: 'boolean', default: false },
    disk: { type: 'boolean', default: false },
    threads: { type: 'boolean', default: false },
  },
});
const inFlight = Number(values['in-flight']);
const rounds = Number(values.rounds);
const BUCKET = 'bench-cpu';
/** Distinct keys per size: the replay writes new keys first, then overwrites, as the benchmark's clients do. */
const KEYS = { small: 2000, large: 8, get: 100 };
const SIZES = { small: 1024, large: 8 * 1024 * 1024 };
type Case = keyof typeof KEYS;
const NAMES: Record<Case, string> = {
  small: 'PutObject 1 KB',
  large: 'PutObject 8 MB',
  get: 'GetObject 1 KB',
};

interface Target {
  readonly root: string;
  readonly stratus: { endpoint: string; stop(): Promise<void> };
  readonly dataDir: string | undefined;
  readonly agent: http.Agent;
  readonly requests: Record<Case, SignedRequest[]>;
  readonly windows: Record<Case, string[]>;
}

async function startTarget(root: string): Promise<Target> {
  const dataDir = values.disk ? mkdtempSync(join(tmpdir(), 'stratus-s3-cpu-')) : undefined;
  const { Stratus } = await import(resolve(root, 'packages/stratus/src/stratus.ts'));
  const stratus = await Stratus.start({ port: 0, httpsPort: false, ephemeral: !values.disk, dataDir });
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const target: Target = {
    root,
    stratus,
    dataDir,
    agent,
    requests: { small: [], large: [], get: [] },
    windows: { small: [], large: [], get: [] },
  };
  const config = {
    endpoint: stratus.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
    maxAttempts: 1,
  };
  const setup = new S3Client(config);
  await setup.send(new CreateBucketCommand({ Bucket: BUCKET }));
  setup.destroy();
  const client = new S3Client({
    ...config,
    requestChecksumCalculation: values.checksum ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
  });
  const sign = requestSigner(client);
  // Signed once each (Stratus accepts them again within the 15-minute window).
  for (const size of ['small', 'large'] as const) {
    const body = new Uint8Array(SIZES[size]).fill(97);
    for (let i = 0; i < KEYS[size]; i++) {
      target.requests[size].push(
        await sign(() =>
          client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${size}/${i}`, Body: body })),
        ),
      );
    }
  }
  // GetObject reads objects the setup writes for real (through a client of its own).
  const writer = new S3Client(config);
  for (let i = 0; i < KEYS.get; i++) {
    await writer.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `get/${i}`, Body: new Uint8Array(1024).fill(98) }),
    );
    target.requests.get.push(
      await sign(() => client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `get/${i}` }))),
    );
  }
  writer.destroy();
  client.destroy();
  return target;
}

async function send(target: Target, request: SignedRequest): Promise<void> {
  // The SDK sends a body that waits for 100-continue on a connection of its own.
  const agent = request.headers.expect === '100-continue' ? false : target.agent;
  const { status } = await replayRequest(new URL(target.stratus.endpoint), agent, request);
  if (status !== 200) throw new Error(`answered ${status}`);
}

async function replay(target: Target, requests: SignedRequest[], count: number): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < count) await send(target, requests[sent++ % requests.length]!);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** CPU microseconds (user+system) of each thread of this process, by name and id, from /proc. */
function threadTimes(): Map<string, number> {
  const tick = 1e6 / 100;
  const times = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
}

const ms = (micros: number, count: number) => (micros / count / 1000).toFixed(3);

async function measure(target: Target, size: Case, count: number): Promise<number> {
  const before = process.cpuUsage();
  const mainBefore = process.threadCpuUsage();
  const threadsBefore = threadTimes();
  await replay(target, target.requests[size], count);
  const used = process.cpuUsage(before);
  const main = process.threadCpuUsage(mainBefore);
  target.windows[size].push(
    `${ms(used.user + used.system, count)} (main ${ms(main.user + main.system, count)})`,
  );
  if (values.threads) {
    const busy = [...threadTimes()]
      .map(([thread, micros]) => [thread, micros - (threadsBefore.get(thread) ?? 0)] as const)
      .filter(([, micros]) => micros > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `${target.root} ${size}, per thread: ${busy.map(([t, m]) => `${t} ${ms(m, count)}`).join(', ')}`,
    );
  }
  return (used.user + used.system) / count / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const roots = values.against ? [values.root, values.against] : [values.root];
const targets: Target[] = [];
try {
  for (const root of roots) targets.push(await startTarget(root));
  const mode = `${values.disk ? 'disk' : 'memory'}${values.checksum ? ', CRC32' : ''}`;
  for (const size of ['small', 'large', 'get'] as const) {
    const count = Number(values[size]);
    if (count === 0) continue;
    for (const target of targets) await replay(target, target.requests[size], Math.ceil(count / 5));
    const figures = targets.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++)
      for (const [i, target] of targets.entries()) figures[i]!.push(await measure(target, size, count));
    const name = NAMES[size];
    for (const [i, target] of targets.entries()) {
      const f = figures[i]!;
      console.log(
        `${name} (${mode}) ${target.root}: median ${median(f).toFixed(3)} ms, min ${Math.min(...f).toFixed(3)} ms; windows: ${target.windows[size].join(', ')}`,
      );
    }
  }
} finally {
  for (const target of targets) {
    target.agent.destroy();
    await target.stratus.stop();
    if (target.dataDir) rmSync(target.dataDir, { recursive: true, force: true });
  }
}
