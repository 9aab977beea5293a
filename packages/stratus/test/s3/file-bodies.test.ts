import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, truncateSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { siteTemplate } from '../cloudfront/support.ts';
import { createStack } from '../support/cloudformation.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

const MiB = 1024 * 1024;

interface Download {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** A GET on its own connection, the body as bytes. */
function download(
  stratus: Stratus,
  options: { host: string; path: string; headers?: Record<string, string>; https?: boolean },
): Promise<Download> {
  const request = options.https ? httpsRequest : httpRequest;
  const port = options.https ? Number(new URL(stratus.httpsEndpoint!).port) : stratus.port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        headers: { ...options.headers, host: options.host },
        agent: false,
        ...(options.https
          ? { servername: options.host.replace(/:\d+$/, ''), ca: readFileSync(stratus.tls!.caFile) }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Polls until `done` holds (the server finishes its side of a closed connection on its own turn). */
async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), what);
}

describe('s3: large bodies sent from files (pooled buffers, ranges, aborts, in-process readers)', () => {
  let stratus: Stratus;
  let s3: S3Client;
  const errors: unknown[] = [];
  // Sizes that are no multiple of the send buffers' size, so ranges start, end and cross inside a buffer.
  const big = randomBytes(5 * MiB + 12_345);
  const other = randomBytes(3 * MiB + 7);
  const objectsDir = () => join(stratus.storage.root, 's3', 'objects');
  /** Files of object bodies this process holds open. */
  const openBodies = () =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(objectsDir());
      } catch {
        return false; // closed between listing and reading
      }
    }).length;
  const pool = () => stratus.s3.core.bodies.sendBuffers;
  const get = async (Key: string, Range?: string) => {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'files', Key, Range }));
    return { got, body: Buffer.from(await got.Body!.transformToByteArray()) };
  };

  before(async () => {
    stratus = await startStratus({
      logger: { info() {}, warn() {}, error: (_message, cause) => errors.push(cause) },
    });
    s3 = new S3Client({
      ...clientConfig(stratus),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'files' }));
    // Public reads: the raw downloads below come unsigned, as a browser's would.
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*' },
      ],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'files', Policy: JSON.stringify(policy) }));
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'big', Body: big }));
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'other', Body: other }));
  });
  after(async () => {
    s3.destroy();
    await stratus.stop();
  });

  it('sends a large object byte-exact, whole and by ranges across buffer edges', async () => {
    const whole = await get('big');
    assert.equal(whole.got.ContentLength, big.length);
    assert.ok(whole.body.equals(big));
    const ranges: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      [`bytes=${MiB - 1}-${MiB}`, MiB - 1, MiB],
      [`bytes=1000-${3 * MiB + 7}`, 1000, 3 * MiB + 7],
      ['bytes=-100', big.length - 100, big.length - 1],
      [`bytes=${5 * MiB}-`, 5 * MiB, big.length - 1],
    ];
    for (const [Range, start, end] of ranges) {
      const { got, body } = await get('big', Range);
      assert.equal(got.ContentRange, `bytes ${start}-${end}/${big.length}`, Range);
      assert.ok(body.equals(big.subarray(start, end + 1)), Range);
    }
    await eventually(() => openBodies() === 0 && pool().outstanding === 0, 'files closed, buffers back');
  });

  it('keeps many downloads at once byte-exact: a buffer is reused only after the socket took it', async () => {
    const host = `127.0.0.1:${stratus.port}`;
    const downloads = Array.from({ length: 12 }, (_, i) => {
      const [key, source] = i % 2 === 0 ? ['big', big] : ['other', other];
      const start = i * 77_777;
      return download(stratus, {
        host,
        path: `/files/${key}`,
        headers: i % 3 === 0 ? {} : { range: `bytes=${start}-` },
      }).then((answer) => ({ answer, expected: i % 3 === 0 ? source : source.subarray(start) }));
    });
    for (const { answer, expected } of await Promise.all(downloads)) {
      assert.ok(answer.status === 200 || answer.status === 206);
      assert.equal(answer.body.length, expected.length);
      assert.ok(answer.body.equals(expected));
    }
    await eventually(() => openBodies() === 0 && pool().outstanding === 0, 'files closed, buffers back');
  });

  it('closes the file and counts its buffers back when the client goes away mid-download, and keeps serving', async () => {
    for (const pause of [false, true]) {
      await new Promise<void>((resolve) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: stratus.port, path: '/files/big', agent: false },
          (res) => {
            res.once('data', () => {
              // A client that stops reading first leaves writes stuck in the socket.
              if (pause) res.pause();
              setImmediate(() => {
                req.destroy();
                resolve();
              });
            });
          },
        );
        req.on('error', () => {});
        req.end();
      });
      await eventually(() => openBodies() === 0, 'the body file is closed');
      await eventually(() => pool().outstanding === 0, 'every send buffer is accounted for');
    }
    assert.ok((await get('big')).body.equals(big));
    assert.deepEqual(errors, []);
  });

  it('cuts the answer when the file is shorter than the object (never a short 200), closing the file', async () => {
    const before = new Set(readdirSync(objectsDir()));
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'short', Body: other }));
    const file = readdirSync(objectsDir()).find((name) => !before.has(name))!;
    truncateSync(join(objectsDir(), file), 2 * MiB + 5);
    const outcome = await new Promise<{ received: number; declared: number; failed: boolean }>((resolve) => {
      let received = 0;
      let declared = 0;
      const req = httpRequest(
        { host: '127.0.0.1', port: stratus.port, path: '/files/short', agent: false },
        (res) => {
          declared = Number(res.headers['content-length']);
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
          });
          res.on('end', () => resolve({ received, declared, failed: false }));
          res.on('error', () => resolve({ received, declared, failed: true }));
        },
      );
      req.on('error', () => resolve({ received, declared: 0, failed: true }));
      req.end();
    });
    assert.equal(outcome.declared, other.length);
    assert.ok(outcome.failed, 'the connection is cut');
    assert.ok(outcome.received <= 2 * MiB + 5);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /ended at byte 2097157/);
    errors.length = 0;
    await eventually(() => openBodies() === 0 && pool().outstanding === 0, 'files closed, buffers back');
    assert.ok((await get('other')).body.equals(other));
  });

  it('still reads large bodies in process: CopyObject and UploadPartCopy', async () => {
    await s3.send(new CopyObjectCommand({ Bucket: 'files', Key: 'copy', CopySource: 'files/big' }));
    assert.ok((await get('copy')).body.equals(big));
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'files', Key: 'part-copy' }),
    );
    const part = await s3.send(
      new UploadPartCopyCommand({
        Bucket: 'files',
        Key: 'part-copy',
        UploadId,
        PartNumber: 1,
        CopySource: 'files/big',
        CopySourceRange: `bytes=1000-${2 * MiB + 99}`,
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'files',
        Key: 'part-copy',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult!.ETag! }] },
      }),
    );
    assert.ok((await get('part-copy')).body.equals(big.subarray(1000, 2 * MiB + 100)));
    await eventually(() => openBodies() === 0 && pool().outstanding === 0, 'files closed, buffers back');
  });

  it('serves large objects at the website endpoint, whole and by range', async () => {
    await s3.send(
      new PutBucketWebsiteCommand({
        Bucket: 'files',
        WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } },
      }),
    );
    const host = `files.s3-website.localhost:${stratus.port}`;
    const whole = await download(stratus, { host, path: '/big' });
    assert.equal(whole.status, 200);
    assert.ok(whole.body.equals(big));
    const range = await download(stratus, {
      host,
      path: '/big',
      headers: { range: `bytes=${MiB}-${3 * MiB}` },
    });
    assert.equal(range.status, 206);
    assert.ok(range.body.equals(big.subarray(MiB, 3 * MiB + 1)));
  });

  it('serves large objects through a CloudFront distribution (S3 origin, HTTPS)', async () => {
    const outputs = await createStack(stratus, 'site', siteTemplate);
    await s3.send(new PutObjectCommand({ Bucket: outputs.Bucket, Key: 'assets/big.bin', Body: big }));
    const answer = await download(stratus, {
      host: outputs.DomainName!,
      path: '/assets/big.bin',
      https: true,
    });
    assert.equal(answer.status, 200);
    assert.ok(answer.body.equals(big));
    await eventually(() => openBodies() === 0 && pool().outstanding === 0, 'files closed, buffers back');
  });
});
