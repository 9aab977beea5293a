// The floor of an S3 PutObject on this machine: what any server answering as S3 must do with an upload's bytes,
// and nothing else. node:http receives the body; its chunks go (transferred, not copied) to worker threads, one
// per core up to four as Stratus's body writers, which hash every byte with MD5 (the ETag) and SHA-256 (the
// signed x-amz-content-sha256 it must match) and write it to a file. No signature check, no metadata, no
// database, no other operation: any other request is answered 200 with an empty body (creating a bucket).
// Run by bench/data.ts as the target `s3-put-floor`: `node s3-put-floor-server.ts <port> <directory>`.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const [portArg, directory] = process.argv.slice(2);
if (!portArg || !directory) throw new Error('usage: s3-put-floor-server.ts <port> <directory>');

type ToWorker =
  | { type: 'open'; id: number; path: string }
  | { type: 'chunk'; id: number; data: ArrayBuffer; offset: number; length: number }
  | { type: 'end'; id: number };

const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, renameSync, writeSync } = require('node:fs');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'open') {
    jobs.set(m.id, { fd: openSync(m.path + '.tmp', 'w'), path: m.path, md5: createHash('md5'), sha256: createHash('sha256') });
  } else if (m.type === 'chunk') {
    const job = jobs.get(m.id);
    const data = Buffer.from(m.data, m.offset, m.length);
    job.md5.update(data);
    job.sha256.update(data);
    let written = 0;
    while (written < data.length) written += writeSync(job.fd, data, written);
  } else {
    const job = jobs.get(m.id);
    jobs.delete(m.id);
    closeSync(job.fd);
    renameSync(job.path + '.tmp', job.path);
    parentPort.postMessage({ id: m.id, md5: job.md5.digest('hex'), sha256: job.sha256.digest('hex') });
  }
});`;

const threads = Array.from(
  { length: Math.max(1, Math.min(availableParallelism(), 4)) },
  () => new Worker(workerSource, { eval: true }),
);
const waiting = new Map<number, (digests: { md5: string; sha256: string }) => void>();
for (const thread of threads) {
  thread.on('message', (done: { id: number; md5: string; sha256: string }) => {
    waiting.get(done.id)?.(done);
    waiting.delete(done.id);
  });
}

let uploads = 0;
const server = createServer((req, res) => {
  const id = uploads++;
  const thread = threads[id % threads.length]!;
  const post = (message: ToWorker, transfer: ArrayBuffer[] = []) => thread.postMessage(message, transfer);
  post({ type: 'open', id, path: join(directory, `object-${id % 64}`) });
  req.on('data', (chunk: Buffer) => {
    // A chunk that is its whole ArrayBuffer moves to the thread; a slice of a shared one is copied first.
    const own =
      chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : Buffer.from(chunk);
    const data = own.buffer as ArrayBuffer;
    post({ type: 'chunk', id, data, offset: own.byteOffset, length: own.byteLength }, [data]);
  });
  req.on('end', () => {
    waiting.set(id, ({ md5, sha256 }) => {
      const signed = req.headers['x-amz-content-sha256'];
      if (typeof signed === 'string' && /^[0-9a-f]{64}$/.test(signed) && signed !== sha256) {
        res
          .writeHead(400, { 'content-type': 'application/xml' })
          .end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
        return;
      }
      res.writeHead(200, { etag: `"${md5}"`, 'content-length': 0 }).end();
    });
    post({ type: 'end', id });
  });
});
server.listen(Number(portArg), '127.0.0.1');
