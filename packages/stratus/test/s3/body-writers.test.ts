import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { markAsUntransferable } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { BodyWriters } from '../../src/services/s3/body-writers.ts';

/** A chunk as the HTTP parser hands it over: a whole ArrayBuffer of its own. */
const own = (bytes: Buffer) => Buffer.from(Uint8Array.from(bytes).buffer);

describe('s3: body writer threads', () => {
  let dir: string;
  let writers: BodyWriters;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'stratus-s3-writers-'));
    writers = new BodyWriters();
  });
  after(async () => {
    await writers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes over owned chunks without copying them, in order with copied ones, and hashes every byte', async () => {
    const parts = [
      ...Array.from({ length: 20 }, () => randomBytes(64 * 1024)),
      randomBytes(3000),
      ...Array.from({ length: 20 }, () => randomBytes(65 * 1024)),
    ];
    const path = join(dir, 'mixed');
    const writer = writers.open(path, ['CRC32'], true, false);
    const handedOver: Buffer[] = [];
    for (const [index, part] of parts.entries()) {
      // Every third chunk is not the writer's to take (a slice of a larger buffer, or not owned): it is copied.
      if (index % 3 === 0) await writer.write(Buffer.concat([Buffer.alloc(1), part]).subarray(1), true);
      else if (index % 3 === 1) await writer.write(Buffer.from(part), false);
      else {
        const chunk = own(part);
        handedOver.push(chunk);
        await writer.write(chunk, true);
      }
    }
    const digests = await writer.end();
    const whole = Buffer.concat(parts);
    assert.deepEqual(readFileSync(path), whole);
    assert.equal(digests.md5, createHash('md5').update(whole).digest('hex'));
    assert.equal(digests.sha256, createHash('sha256').update(whole).digest('hex'));
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(whole));
    assert.equal(digests.checksums.CRC32, crc.toString('base64'));
    // Transferred to the thread: the main thread's buffers are detached, not copied from.
    assert.ok(handedOver.every((chunk) => chunk.buffer.byteLength === 0));
  });

  it('leaves chunks that are not owned untouched', async () => {
    const chunk = own(randomBytes(256 * 1024));
    const writer = writers.open(join(dir, 'copied'), [], false, false);
    await writer.write(chunk, false);
    await writer.end();
    assert.equal(chunk.buffer.byteLength, 256 * 1024);
  });

  it('copies owned chunks that cannot be transferred', async () => {
    const parts = Array.from({ length: 24 }, () => randomBytes(64 * 1024));
    const path = join(dir, 'untransferable');
    const writer = writers.open(path, [], false, false);
    for (const [index, part] of parts.entries()) {
      const chunk = own(part);
      if (index === 5) markAsUntransferable(chunk.buffer);
      await writer.write(chunk, true);
    }
    const digests = await writer.end();
    const whole = Buffer.concat(parts);
    assert.deepEqual(readFileSync(path), whole);
    assert.equal(digests.md5, createHash('md5').update(whole).digest('hex'));
  });

  it('removes the temporary file of an aborted body whose chunks were handed over', async () => {
    const path = join(dir, 'aborted');
    const writer = writers.open(path, [], false, false);
    for (let i = 0; i < 40; i++) await writer.write(own(randomBytes(64 * 1024)), true);
    await writer.abort();
    assert.throws(() => readFileSync(path), { code: 'ENOENT' });
  });
});
