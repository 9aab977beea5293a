import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { sign } from '../support/sigv4.ts';
import { clientConfig, startStratus, testCredentials } from '../support/stratus.ts';
import { failure } from './helpers.ts';

const STRATUS = new URL('../../src/stratus.ts', import.meta.url).href;

/** Stratus on `dataDir` in a child process (so it can be killed with SIGKILL); resolves with its endpoint. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const script = `import { Stratus } from ${JSON.stringify(STRATUS)};
const s = await Stratus.start({ port: 0, httpsPort: false, dataDir: ${JSON.stringify(dataDir)} });
console.log('ready ' + s.endpoint);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const ready = /ready (\S+)/.exec(output);
    if (ready) return { child, endpoint: ready[1]! };
  }
  throw new Error(`Stratus did not start: ${output}`);
}

const client = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: testCredentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });

describe('s3: kill -9 in the middle of uploads', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-s3-crash-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged object, small (SQLite) and large (file), and nothing half-written', async () => {
    const small = Buffer.from('acknowledged small body');
    const large = Buffer.alloc(3 * 1024 * 1024, 7);
    const first = await startChild(dataDir);
    let partial: ReturnType<typeof request> | undefined;
    try {
      const s3 = client(first.endpoint);
      await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
      await s3.send(new PutObjectCommand({ Bucket: 'crash', Key: 'small', Body: small }));
      await s3.send(new PutObjectCommand({ Bucket: 'crash', Key: 'large', Body: large }));
      s3.destroy();

      // An upload of 8 MiB of which only 2 MiB arrive before the kill: its temporary file exists.
      const url = new URL(first.endpoint);
      // sign() reads only the instance's endpoint.
      const call = await sign({ endpoint: first.endpoint } as unknown as Stratus, {
        service: 's3',
        method: 'PUT',
        path: '/crash/partial',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(8 * 1024 * 1024) },
      });
      const headers = { ...call.headers };
      delete headers.host;
      partial = request({
        host: url.hostname,
        port: url.port,
        method: 'PUT',
        path: '/crash/partial',
        headers,
      });
      partial.on('error', () => {});
      partial.write(Buffer.alloc(2 * 1024 * 1024, 1));
      const tmp = join(dataDir, 's3', 'tmp');
      for (let i = 0; i < 200 && readdirSync(tmp).length === 0; i++) await sleep(25);
      assert.equal(readdirSync(tmp).length, 1);
    } finally {
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      partial?.destroy();
    }

    const second = await startStratus({ ephemeral: false, dataDir });
    const s3 = new S3Client({ ...clientConfig(second), forcePathStyle: true });
    try {
      const read = async (Key: string) =>
        Buffer.from(
          await (await s3.send(new GetObjectCommand({ Bucket: 'crash', Key }))).Body!.transformToByteArray(),
        );
      assert.deepEqual(await read('small'), small);
      assert.deepEqual(await read('large'), large);
      assert.equal(
        (await failure(s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'partial' })))).name,
        'NoSuchKey',
      );
      assert.deepEqual(readdirSync(join(dataDir, 's3', 'tmp')), []);
      assert.equal(readdirSync(join(dataDir, 's3', 'objects')).length, 1);
    } finally {
      s3.destroy();
      await second.stop();
    }
  });
});
