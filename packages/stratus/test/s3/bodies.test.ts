import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { rawRequest } from '../support/http.ts';
import { sign } from '../support/sigv4.ts';
import { startStratus } from '../support/stratus.ts';
import { s3Client } from './helpers.ts';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('s3: object bodies (small in SQLite, large through writer threads), on disk', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let dataDir: string;
  const files = (folder: string) => readdirSync(join(dataDir, 's3', folder)).length;
  const rows = () =>
    Number(stratus.storage.database('s3').prepare('SELECT count(*) AS n FROM bodies').get()!.n);
  const read = async (Key: string) =>
    Buffer.from(
      await (await s3.send(new GetObjectCommand({ Bucket: 'bodies', Key }))).Body!.transformToByteArray(),
    );

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'stratus-s3-bodies-'));
    stratus = await startStratus({ ephemeral: false, dataDir });
    s3 = s3Client(stratus);
    await s3.send(new CreateBucketCommand({ Bucket: 'bodies' }));
  });
  after(async () => {
    s3.destroy();
    await stratus.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps bodies up to 64 KB as SQLite rows and larger ones as files, each removed when replaced or deleted', async () => {
    const small = randomBytes(64 * 1024);
    const large = randomBytes(64 * 1024 + 1);
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'small', Body: small }));
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'large', Body: large }));
    assert.equal(rows(), 1);
    assert.equal(files('objects'), 1);
    assert.deepEqual(await read('small'), small);
    assert.deepEqual(await read('large'), large);
    const ranged = await s3.send(
      new GetObjectCommand({ Bucket: 'bodies', Key: 'small', Range: 'bytes=10-19' }),
    );
    assert.deepEqual(Buffer.from(await ranged.Body!.transformToByteArray()), small.subarray(10, 20));

    // An overwrite replaces the row or the file it supersedes (here the large one becomes a row).
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'small', Body: 'again' }));
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'large', Body: large.subarray(1) }));
    assert.equal(rows(), 2);
    assert.equal(files('objects'), 0);
    assert.equal((await read('small')).toString(), 'again');
    await s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'large', Body: large }));
    assert.equal(rows(), 1);
    assert.equal(files('objects'), 1);

    await s3.send(new DeleteObjectCommand({ Bucket: 'bodies', Key: 'small' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'bodies', Key: 'large' }));
    assert.equal(rows(), 0);
    assert.equal(files('objects'), 0);
    assert.equal(files('tmp'), 0);
  });

  it('hashes a streamed multi-megabyte body in a writer thread: ETag and checksums as AWS computes them', async () => {
    const body = randomBytes(5 * 1024 * 1024 + 123);
    for (const algorithm of ['SHA256', 'CRC32C'] as const) {
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: 'bodies',
          Key: `hashed-${algorithm}`,
          Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]),
          ContentLength: body.length,
          ChecksumAlgorithm: algorithm,
        }),
      );
      assert.equal(put.ETag, `"${md5(body)}"`);
      if (algorithm === 'SHA256')
        assert.equal(put.ChecksumSHA256, createHash('sha256').update(body).digest('base64'));
      else assert.ok(put.ChecksumCRC32C);
      assert.equal(md5(await read(`hashed-${algorithm}`)), md5(body));
    }
  });

  it('refuses a large body whose SHA-256 is not the signed one, leaving nothing behind', async () => {
    const before = files('objects');
    const call = await sign(stratus, {
      service: 's3',
      method: 'PUT',
      path: '/bodies/tampered',
      headers: { 'x-amz-content-sha256': sha256('original') },
    });
    const headers = { ...call.headers };
    delete headers.host;
    const response = await rawRequest(stratus, {
      method: 'PUT',
      path: '/bodies/tampered',
      headers,
      body: randomBytes(3 * 1024 * 1024),
    });
    assert.equal(response.status, 400);
    assert.match(response.body, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
    assert.equal(files('objects'), before);
    assert.equal(files('tmp'), 0);
    const missing = await rawRequest(stratus, { path: '/bodies/tampered' });
    assert.notEqual(missing.status, 200);
  });
});
