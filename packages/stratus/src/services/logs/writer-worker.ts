/** The log writer thread (see writer-thread.ts): appends the batches it is given, in order. */
import type { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../state/storage.ts';
import { type EventRun, LogStore, streamKey } from './store.ts';
import type { WriterBatch, WriterData, WriterFailure, WriterRequest } from './writer-thread.ts';

interface StreamTarget {
  readonly scope: { readonly accountId: string; readonly region: string };
  readonly group: string;
  readonly stream: string;
  readonly key: string;
}

const { database, committed } = workerData as WriterData;
/**
 * Opened with the first batch, not at start: this thread uses the database only between a batch's
 * arrival and its commit, and the main thread only once every batch it posted is committed, so the
 * two never use it at once (an ephemeral instance's shared in-memory database fails on a lock held
 * by another connection instead of waiting for it).
 */
let connection: { readonly db: DatabaseSync; readonly store: LogStore } | undefined;
/** Streams by the number the main thread gave them. */
let streams: StreamTarget[] = [];

parentPort!.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    connection?.db.close();
    parentPort!.close();
    return;
  }
  let runs: EventRun[] = [];
  try {
    if (!connection) {
      const db = openDatabase(database);
      connection = { db, store: new LogStore(db) };
    }
    runs = unpack(request, connection.store);
    connection.store.appendRuns(runs, true);
  } catch (error) {
    const failure: WriterFailure = {
      runs: runs.length,
      groups: [...new Set(runs.map((run) => run.group))].join(', '),
      error: { message: (error as Error).message, stack: (error as Error).stack },
    };
    parentPort!.postMessage(failure);
  }
  // Committed or given up on: either way a reader waiting for it may go on.
  Atomics.store(committed, 0, request.seq);
  Atomics.notify(committed, 0);
});

function unpack(batch: WriterBatch, store: LogStore): EventRun[] {
  if (batch.reset) {
    streams = [];
    store.forgetStreams();
  }
  const { values } = batch;
  for (let i = 0; i < batch.streams.length; i += 4) {
    const [accountId, region, group, stream] = batch.streams.slice(i, i + 4);
    const scope = { accountId, region };
    streams.push({ scope, group, stream, key: streamKey(scope, group, stream) });
  }
  const runs: EventRun[] = [];
  for (let i = 0; i < values.length; ) {
    const target = streams[values[i] as number];
    const ingestionTime = values[i + 1] as number;
    const count = values[i + 2] as number;
    i += 3;
    const events: { timestamp: number; message: string }[] = [];
    for (let n = 0; n < count; n++, i += 2) {
      events.push({ timestamp: values[i] as number, message: values[i + 1] as string });
    }
    runs.push({ ...target, ingestionTime, events });
  }
  return runs;
}
