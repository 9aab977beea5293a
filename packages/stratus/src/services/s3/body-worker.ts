/**
 * A body writer thread: writes large upload bodies to their temporary files and hashes them
 * (MD5 for the ETag, SHA-256 for a signed payload, the asked-for checksum) off the main thread,
 * so sixteen 8 MB uploads do not queue behind one thread's hashing. Messages: see body-writers.ts.
 */
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ToWorker, WorkerSetup } from './body-writers.ts';
import { type BodyDigests, Digester } from './digests.ts';

interface Job {
  readonly fd: number;
  readonly path: string;
  readonly durable: boolean;
  readonly digester: Digester;
}

const port = parentPort!;
/** Shared with the main thread, which copies each batch into a slot and waits for its ack to reuse it. */
const slots = (workerData as WorkerSetup).slots.map((buffer) => Buffer.from(buffer));
const jobs = new Map<number, Job>();

port.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    fail(message.id, error as Error);
  }
});

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'open': {
      const fd = openSync(message.path, 'wx');
      const digester = new Digester(message.algorithms, message.sha256);
      jobs.set(message.id, { fd, path: message.path, durable: message.durable, digester });
      return;
    }
    case 'chunk': {
      try {
        const job = jobs.get(message.id);
        if (!job) return;
        const data = slots[message.slot]!.subarray(0, message.length);
        job.digester.update(data);
        let offset = 0;
        while (offset < data.length) offset += writeSync(job.fd, data, offset);
      } finally {
        // The slot is free again whatever happened to the job.
        port.postMessage({ type: 'ack', slot: message.slot });
      }
      return;
    }
    case 'buffers': {
      try {
        const job = jobs.get(message.id);
        if (!job) return;
        const data = message.buffers.map((buffer) => Buffer.from(buffer));
        for (const chunk of data) job.digester.update(chunk);
        writeAll(job.fd, data);
      } finally {
        // Freed now, not at this thread's next full collection (which their bytes would otherwise bring on).
        for (const buffer of message.buffers) buffer.transfer(0);
        port.postMessage({ type: 'ack', slot: message.slot });
      }
      return;
    }
    case 'end': {
      const job = take(message.id);
      if (job.durable) fsyncSync(job.fd);
      closeSync(job.fd);
      const digests: BodyDigests = job.digester.digest();
      port.postMessage({ type: 'done', id: message.id, digests });
      return;
    }
    case 'abort': {
      const job = jobs.get(message.id);
      if (job) discard(job, message.id);
      port.postMessage({ type: 'aborted', id: message.id });
    }
  }
}

/** Writes the chunks in order: one writev, then whatever a short write left. */
function writeAll(fd: number, chunks: Buffer[]): void {
  let written = writevSync(fd, chunks);
  for (const chunk of chunks) {
    if (written >= chunk.length) {
      written -= chunk.length;
      continue;
    }
    let offset = written;
    written = 0;
    while (offset < chunk.length) offset += writeSync(fd, chunk, offset);
  }
}

function take(id: number): Job {
  const job = jobs.get(id);
  if (!job) throw new Error(`no body job ${id}`);
  jobs.delete(id);
  return job;
}

function discard(job: Job, id: number): void {
  jobs.delete(id);
  try {
    closeSync(job.fd);
  } catch {}
  try {
    unlinkSync(job.path);
  } catch {}
}

function fail(id: number, error: Error): void {
  const job = jobs.get(id);
  if (job) discard(job, id);
  port.postMessage({ type: 'error', id, message: error.message });
}
