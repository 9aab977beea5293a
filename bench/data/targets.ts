import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, freePort, type Processes, waitUntil } from '../lib/processes.ts';
import { BENCH_DIR, REPO_DIR, START_TIMEOUT_MS } from '../targets/target.ts';

export type Suite = 'dynamodb' | 's3';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface RunningDataTarget {
  readonly endpoint: string;
  readonly credentials: Credentials;
  /** The serving process, whose CPU time the load process reads from /proc. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface DataTarget {
  readonly id: string;
  readonly label: string;
  readonly suite: Suite;
  /** Where its state lives: compare like with like. */
  readonly state: 'memory' | 'disk';
  readonly stratus: boolean;
  /** A design floor, not a peer: run only when named (--targets), never compared with as the goal's peer. */
  readonly floor?: boolean;
  /** The operations it serves, when not all of its suite's. */
  readonly operations?: readonly string[];
  start(processes: Processes, options: { cpuProfileDir?: string }): Promise<RunningDataTarget>;
}

const ANY_KEY: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
/** s3rver checks signatures against its one built-in key pair. */
const S3RVER_KEY: Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A temporary directory removed when `stop` resolves (whether or not the process started). */
function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `stratus-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits until anything answers HTTP on the port (any status: the peers answer 400 to a bare GET). */
async function answering(child: Child, endpoint: string): Promise<void> {
  await waitUntil(child, `${endpoint} to answer`, START_TIMEOUT_MS, async () => {
    const response = await fetch(endpoint);
    await response.arrayBuffer();
    return true;
  });
}

async function startNode(
  processes: Processes,
  name: string,
  args: readonly string[],
  credentials: Credentials,
  cleanup: () => void,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningDataTarget> {
  const port = await freePort();
  const child = processes.start(
    name,
    process.execPath,
    args.map((a) => a.replace('{port}', String(port))),
    { cwd: BENCH_DIR, env },
  );
  const stop = () => child.stop().finally(cleanup);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await answering(child, endpoint);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, credentials, pid: child.pid, stop };
}

const DYNALITE = join(BENCH_DIR, 'node_modules/dynalite/cli.js');
const S3RVER = join(BENCH_DIR, 'node_modules/s3rver/bin/s3rver.js');
const STRATUS = join(REPO_DIR, 'bench/data/stratus-server.ts');
const S3_PUT_FLOOR = join(BENCH_DIR, 'peers/s3-put-floor-server.ts');

function stratusTarget(suite: Suite, state: 'memory' | 'disk'): DataTarget {
  return {
    id: state === 'disk' ? 'stratus' : 'stratus-memory',
    label: state === 'disk' ? 'Stratus (SQLite on disk)' : 'Stratus (--ephemeral, in memory)',
    suite,
    state,
    stratus: true,
    start(processes, { cpuProfileDir }) {
      const data = scratch('stratus');
      const profile = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
      const where = state === 'disk' ? ['--data-dir', data.dir] : ['--ephemeral'];
      const args = [...profile, STRATUS, '{port}', ...where];
      // --ephemeral state goes to the RAM file system (/dev/shm) when the machine has one with room, else to a
      // temporary directory of Stratus's own: inside ours, so that it goes too when a Stratus that did not stop in
      // time had to be killed (on /dev/shm the next ephemeral Stratus removes what a killed one left).
      return startNode(processes, 'Stratus', args, ANY_KEY, data.remove, { TMPDIR: data.dir });
    },
  };
}

export const DATA_TARGETS: readonly DataTarget[] = [
  {
    id: 'dynalite',
    label: 'dynalite (in memory, its default)',
    suite: 'dynamodb',
    state: 'memory',
    stratus: false,
    start: (processes) =>
      startNode(
        processes,
        'dynalite',
        [DYNALITE, '--host', '127.0.0.1', '--port', '{port}', '--createTableMs', '0'],
        ANY_KEY,
        () => {},
      ),
  },
  {
    id: 'dynalite-disk',
    label: 'dynalite --path (LevelDB on disk)',
    suite: 'dynamodb',
    state: 'disk',
    stratus: false,
    start(processes) {
      const data = scratch('dynalite');
      const args = [DYNALITE, '--host', '127.0.0.1', '--port', '{port}', '--createTableMs', '0'];
      return startNode(processes, 'dynalite', [...args, '--path', data.dir], ANY_KEY, data.remove);
    },
  },
  stratusTarget('dynamodb', 'memory'),
  stratusTarget('dynamodb', 'disk'),
  {
    id: 's3rver',
    label: 's3rver (files on disk)',
    suite: 's3',
    state: 'disk',
    stratus: false,
    start(processes) {
      const data = scratch('s3rver');
      // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
      const args = [
        '--openssl-legacy-provider',
        S3RVER,
        '--directory',
        data.dir,
        '--address',
        '127.0.0.1',
        '--port',
        '{port}',
        '--silent',
      ];
      return startNode(processes, 's3rver', args, S3RVER_KEY, data.remove);
    },
  },
  stratusTarget('s3', 'memory'),
  stratusTarget('s3', 'disk'),
  {
    id: 's3-put-floor',
    label: 'PutObject floor (hash and write, nothing else; files on /dev/shm)',
    suite: 's3',
    state: 'memory',
    stratus: false,
    floor: true,
    operations: ['PutObject 1 KB', 'PutObject 8 MB'],
    start(processes) {
      const dir = mkdtempSync(
        join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'stratus-bench-s3-put-floor-'),
      );
      const remove = () => rmSync(dir, { recursive: true, force: true });
      return startNode(processes, 's3-put-floor', [S3_PUT_FLOOR, '{port}', dir], ANY_KEY, remove);
    },
  },
];
