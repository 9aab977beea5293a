import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { failure, partialPut, type S3Testbed, startS3 } from './helpers.ts';

describe('s3: a client that stops sending its body', { timeout: 30_000 }, () => {
  let bed: S3Testbed;
  before(async () => {
    bed = await startS3(['stall']);
    // S3 gives up after about 20 s of silence; a test need not wait that long.
    bed.stratus.s3.bodyIdleTimeoutMs = 300;
  });
  after(() => bed.stop());

  for (const [label, declared, sent] of [
    ['a small body (kept in SQLite)', 1000, 10],
    ['a large body (streamed by a writer thread)', 10 * 1024 * 1024, 200 * 1024],
  ] as const) {
    it(`answers RequestTimeout for ${label}, stores nothing and closes the connection`, async () => {
      const key = `stalled-${declared}`;
      const answer = await partialPut(bed.stratus, `/stall/${key}`, declared, sent);
      assert.equal(answer.status, 400);
      assert.match(answer.body, /<Code>RequestTimeout<\/Code>/);
      assert.match(answer.body, /not read from or written to within the timeout period/);
      assert.equal(answer.connection, 'close');
      const missing = await failure(bed.s3.send(new HeadObjectCommand({ Bucket: 'stall', Key: key })));
      assert.equal(missing.$metadata.httpStatusCode, 404);
      assert.deepEqual(readdirSync(join(bed.stratus.storage.root, 's3', 'tmp')), []);
    });
  }

  it("stays up when a refused upload's client stops sending and goes away (no one is told of its timeout)", async () => {
    // Refused before its body is read; the client sends a little, reads the answer and hangs up.
    const answer = await partialPut(bed.stratus, '/stall/too-big', 5 * 1024 ** 3 + 1, 1024);
    assert.match(answer.body, /<Code>EntityTooLarge<\/Code>/);
    // Past the idle timeout: its RequestTimeout used to be an uncaught exception (the test runner fails the file).
    await new Promise((resolve) => setTimeout(resolve, 900));
    await bed.s3.send(new PutObjectCommand({ Bucket: 'stall', Key: 'after', Body: 'still up' }));
  });

  it('keeps serving uploads that arrive in time', async () => {
    await bed.s3.send(new PutObjectCommand({ Bucket: 'stall', Key: 'fine', Body: 'all here' }));
    const got = await bed.s3.send(new GetObjectCommand({ Bucket: 'stall', Key: 'fine' }));
    assert.equal(await got.Body!.transformToString(), 'all here');
  });
});
