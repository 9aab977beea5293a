import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEventNotice } from '../../src/services/logs/index.ts';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

/** Where an in-process writer (as Lambda's runtime) sends its lines, in the default account and region. */
const inProcessTarget = (logGroupName: string, logStreamName: string) => ({
  accountId: '000000000000',
  region: 'us-east-1',
  logGroupName,
  logStreamName,
});

describe('cloudwatch logs', () => {
  let stratus: Stratus;
  let logs: CloudWatchLogsClient;
  let now: number;
  before(async () => {
    stratus = await startStratus();
    logs = new CloudWatchLogsClient(clientConfig(stratus));
    now = stratus.clock.now();
  });
  after(() => stratus.stop());

  const put = (group: string, stream: string, messages: string[], start = now) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: messages.map((message, i) => ({ timestamp: start + i, message })),
      }),
    );

  it('creates log groups and refuses a duplicate', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/one' }));
    await assert.rejects(logs.send(new CreateLogGroupCommand({ logGroupName: '/app/one' })), (error: any) => {
      assert.equal(error.name, 'ResourceAlreadyExistsException');
      assert.equal(error.message, 'The specified log group already exists');
      return true;
    });
  });

  it('describes log groups by prefix, in name order, a page at a time', async () => {
    for (const name of ['/app/three', '/app/two', '/other/x']) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/', limit: 2, nextToken }),
      );
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(names, ['/app/one', '/app/three', '/app/two']);
    const one = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/one' })))
      .logGroups![0]!;
    assert.equal(one.arn, 'arn:aws:logs:us-east-1:000000000000:log-group:/app/one:*');
    assert.equal(typeof one.creationTime, 'number');
  });

  it('puts events to a stream and refuses a missing group or stream', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/one', logStreamName: 's1' }));
    await assert.rejects(
      logs.send(new CreateLogStreamCommand({ logGroupName: '/app/one', logStreamName: 's1' })),
      { name: 'ResourceAlreadyExistsException', message: 'The specified log stream already exists' },
    );
    const result = await put('/app/one', 's1', ['first', 'second', 'third']);
    assert.equal(result.rejectedLogEventsInfo, undefined);
    await assert.rejects(put('/app/one', 'nope', ['x']), {
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    await assert.rejects(put('/app/missing', 's1', ['x']), {
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await assert.rejects(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: '/app/one',
          logStreamName: 's1',
          logEvents: [
            { timestamp: now + 10, message: 'later' },
            { timestamp: now, message: 'earlier' },
          ],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('reads a stream with GetLogEvents: newest first page, tokens forward and backward', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/one', logStreamName: 'paged' }));
    await put('/app/one', 'paged', ['e0', 'e1', 'e2', 'e3', 'e4']);
    const messages = (r: { events?: { message?: string }[] }) => (r.events ?? []).map((e) => e.message);
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/app/one', logStreamName: 'paged', limit: 2 }),
    );
    assert.deepEqual(messages(tail), ['e3', 'e4']);
    const earlier = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app/one',
        logStreamName: 'paged',
        limit: 2,
        nextToken: tail.nextBackwardToken,
      }),
    );
    assert.deepEqual(messages(earlier), ['e1', 'e2']);
    const head = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app/one',
        logStreamName: 'paged',
        limit: 3,
        startFromHead: true,
      }),
    );
    assert.deepEqual(messages(head), ['e0', 'e1', 'e2']);
    const rest = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app/one',
        logStreamName: 'paged',
        nextToken: head.nextForwardToken,
      }),
    );
    assert.deepEqual(messages(rest), ['e3', 'e4']);
    const end = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app/one',
        logStreamName: 'paged',
        nextToken: rest.nextForwardToken,
      }),
    );
    assert.deepEqual(messages(end), []);
    assert.equal(end.nextForwardToken, rest.nextForwardToken, 'at the end the same token comes back');
    await put('/app/one', 'paged', ['e5'], now + 5);
    const more = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app/one',
        logStreamName: 'paged',
        nextToken: end.nextForwardToken,
      }),
    );
    assert.deepEqual(messages(more), ['e5']);
  });

  it('orders streams by last event time, descending', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ordered' }));
    for (const [stream, offset] of [
      ['old', 0],
      ['new', 200],
      ['mid', 100],
    ] as const) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: '/ordered', logStreamName: stream }));
      await put('/ordered', stream, ['x'], now + offset);
    }
    const result = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/ordered', orderBy: 'LastEventTime', descending: true }),
    );
    assert.deepEqual(
      result.logStreams?.map((s) => s.logStreamName),
      ['new', 'mid', 'old'],
    );
    assert.equal(result.logStreams?.[0]?.lastEventTimestamp, now + 200);
    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ordered' }));
    assert.deepEqual(
      byName.logStreams?.map((s) => s.logStreamName),
      ['mid', 'new', 'old'],
    );
  });

  it('filters events by terms, quoted phrases, alternatives, exclusions and regex', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/filtered' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/filtered', logStreamName: 'a' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/filtered', logStreamName: 'b' }));
    await put('/filtered', 'a', ['ERROR disk full', 'INFO all good', 'WARN disk slow'], now);
    await put('/filtered', 'b', ['ERROR network down', 'INFO disk ok'], now + 1);
    const filter = async (filterPattern: string, extra = {}) =>
      (
        await logs.send(new FilterLogEventsCommand({ logGroupName: '/filtered', filterPattern, ...extra }))
      ).events?.map((e) => e.message);
    assert.deepEqual(await filter('ERROR'), ['ERROR disk full', 'ERROR network down']);
    assert.deepEqual(await filter('ERROR disk'), ['ERROR disk full']);
    assert.deepEqual(await filter('"disk full"'), ['ERROR disk full']);
    assert.deepEqual(await filter('?WARN ?network'), ['ERROR network down', 'WARN disk slow']);
    assert.deepEqual(await filter('disk -ERROR'), ['WARN disk slow', 'INFO disk ok']);
    assert.deepEqual(await filter('%dis[k] (full|ok)%'), ['ERROR disk full', 'INFO disk ok']);
    assert.deepEqual(await filter('error'), [], 'terms are case-sensitive');
    assert.deepEqual(await filter('INFO', { logStreamNames: ['b'] }), ['INFO disk ok']);
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: '/filtered' }));
    assert.equal(all.events?.length, 5);
    assert.ok(all.events?.every((e) => /^\d{56}$/.test(e.eventId ?? '')));
    assert.deepEqual(await filter('', { startTime: now + 1, endTime: now + 1 }), [
      'INFO all good',
      'ERROR network down',
    ]);
    await assert.rejects(filter('{ $.level = "error" }'), { name: 'InvalidParameterException' });
  });

  it('paginates FilterLogEvents with nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: '/filtered', limit: 2, nextToken }),
      );
      assert.ok((page.events ?? []).length <= 2);
      seen.push(...(page.events ?? []).map((e) => e.message!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
  });

  it('applies a retention policy: events older than it are gone', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/retained' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/retained', logStreamName: 's' }));
    await put('/retained', 's', ['kept for a day']);
    await assert.rejects(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: '/retained', retentionInDays: 2 })),
      {
        name: 'InvalidParameterException',
      },
    );
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/retained', retentionInDays: 1 }));
    const group = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/retained' })))
      .logGroups![0]!;
    assert.equal(group.retentionInDays, 1);
    stratus.clock.advance(2 * 86_400_000);
    const events = await logs.send(new FilterLogEventsCommand({ logGroupName: '/retained' }));
    assert.deepEqual(events.events, []);
  });

  it('deletes a group with its streams and events', async () => {
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/ordered' }));
    await assert.rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ordered' })), {
      name: 'ResourceNotFoundException',
    });
    await assert.rejects(logs.send(new DeleteLogGroupCommand({ logGroupName: '/ordered' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('takes in-process writes (creating group and stream) and tells subscribers about every event', async () => {
    const seen: LogEventNotice[] = [];
    const unsubscribe = stratus.logs.subscribe((event) => seen.push(event));
    const target = inProcessTarget('/live', 'tail');
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'live line\n' }]);
    await put('/live', 'tail', ['from the API'], stratus.clock.now());
    unsubscribe();
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'after unsubscribe\n' }]);
    assert.deepEqual(
      seen.map((e) => [e.logGroupName, e.logStreamName, e.message]),
      [
        ['/live', 'tail', 'live line\n'],
        ['/live', 'tail', 'from the API'],
      ],
    );
    const stored = await logs.send(new GetLogEventsCommand({ logGroupName: '/live', logStreamName: 'tail' }));
    assert.equal(stored.events?.length, 3);
  });

  it('hands batch subscribers each turn of in-process writes at once, in order', async () => {
    const batches: string[][] = [];
    const unsubscribe = stratus.logs.subscribeBatches((runs) =>
      batches.push(runs.flatMap((run) => run.events.map((e) => e.message))),
    );
    const target = inProcessTarget('/batched', 's');
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'one\n' }]);
    stratus.logs.write(target, [
      { timestamp: stratus.clock.now(), message: 'two\n' },
      { timestamp: stratus.clock.now(), message: 'three\n' },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'four\n' }]);
    await new Promise((resolve) => setImmediate(resolve));
    unsubscribe();
    assert.deepEqual(batches, [['one\n', 'two\n', 'three\n'], ['four\n']]);
  });

  it('shows in-process writes to every read at once, in write order, among API writes', async () => {
    const target = inProcessTarget('/mixed', 'm');
    const at = stratus.clock.now();
    stratus.logs.write(target, [{ timestamp: at, message: 'first' }]);
    await put('/mixed', 'm', ['second'], at);
    stratus.logs.write(target, [{ timestamp: at, message: 'third' }]);
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: '/mixed' }));
    assert.deepEqual(
      filtered.events?.map((e) => e.message),
      ['first', 'second', 'third'],
    );
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/mixed' }));
    assert.equal(groups.logGroups?.[0]?.storedBytes, 3 * 26 + 'firstsecondthird'.length);
  });

  it("keeps each stream's statistics when one flush writes to several", async () => {
    const at = stratus.clock.now();
    const target = (logStreamName: string) => inProcessTarget('/stats', logStreamName);
    // Interleaved, in one turn: they reach SQLite together.
    for (let i = 0; i < 3; i++) {
      for (const stream of ['a', 'b', 'c']) {
        stratus.logs.write(target(stream), [
          { timestamp: at + i * 10 + stream.charCodeAt(0), message: `${stream}${i}` },
        ]);
      }
    }
    const described = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/stats' }));
    assert.deepEqual(
      described.logStreams?.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp]),
      ['a', 'b', 'c'].map((stream) => [stream, at + stream.charCodeAt(0), at + 20 + stream.charCodeAt(0)]),
    );
    // A stream's storedBytes is always 0 on AWS since 2019; its group's counts 26 bytes per event and the message.
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/stats' }));
    assert.equal(groups.logGroups?.[0]?.storedBytes, 9 * (26 + 2));
  });

  it('creates a deleted stream and group again for the next in-process write to them', async () => {
    const target = inProcessTarget('/reborn', 'env');
    const messages = async () =>
      (
        await logs.send(new GetLogEventsCommand({ logGroupName: '/reborn', logStreamName: 'env' }))
      ).events?.map((e) => e.message);
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'one' }]);
    assert.deepEqual(await messages(), ['one']);
    // As a warm Lambda environment goes on writing to its stream after someone deleted it.
    await logs.send(new DeleteLogStreamCommand({ logGroupName: '/reborn', logStreamName: 'env' }));
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'two' }]);
    assert.deepEqual(await messages(), ['two']);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/reborn' }));
    stratus.logs.write(target, [{ timestamp: stratus.clock.now(), message: 'three' }]);
    assert.deepEqual(await messages(), ['three']);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/reborn' }));
    assert.deepEqual(
      streams.logStreams?.map((s) => s.logStreamName),
      ['env'],
    );
  });

  it('keeps the order and ids of more events than one insert carries, page after page', async () => {
    const target = inProcessTarget('/many', 'm');
    const at = stratus.clock.now();
    // One timestamp for all: the order is the events' ids, which the pages' tokens carry. 300 and 200
    // events take several INSERTs each (at most 128 rows, in powers of two).
    for (let i = 0; i < 300; i++) stratus.logs.write(target, [{ timestamp: at, message: `w${i}` }]);
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/many',
        logStreamName: 'm',
        logEvents: Array.from({ length: 200 }, (_, i) => ({ timestamp: at, message: `p${i}` })),
      }),
    );
    const expected = [
      ...Array.from({ length: 300 }, (_, i) => `w${i}`),
      ...Array.from({ length: 200 }, (_, i) => `p${i}`),
    ];
    const seen: string[] = [];
    const ids = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: '/many', limit: 45, nextToken }),
      );
      for (const event of page.events ?? []) {
        seen.push(event.message!);
        ids.add(event.eventId!);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(seen, expected);
    assert.equal(ids.size, expected.length);
  });
});

describe('cloudwatch logs on disk', () => {
  it('keeps in-process writes made just before stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stratus-logs-'));
    try {
      const first = await startStratus({ ephemeral: false, dataDir });
      const target = inProcessTarget('/kept', 's');
      first.logs.write(target, [{ timestamp: first.clock.now(), message: 'last words' }]);
      await first.stop();
      const second = await startStratus({ ephemeral: false, dataDir });
      try {
        const client = new CloudWatchLogsClient(clientConfig(second));
        const events = await client.send(
          new GetLogEventsCommand({ logGroupName: '/kept', logStreamName: 's' }),
        );
        assert.deepEqual(
          events.events?.map((e) => e.message),
          ['last words'],
        );
        client.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts over a logs database in an older layout and keeps the new one across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stratus-logs-'));
    try {
      // The layout before integer group and stream ids (user_version 0).
      const old = new DatabaseSync(join(dataDir, 'logs.sqlite'));
      old.exec(`
        CREATE TABLE log_groups (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
          created INTEGER NOT NULL, retention INTEGER, kms_key_id TEXT, PRIMARY KEY (account, region, name));
        CREATE TABLE log_events (id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL,
          region TEXT NOT NULL, log_group TEXT NOT NULL, log_stream TEXT NOT NULL,
          timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
        INSERT INTO log_groups VALUES ('000000000000', 'us-east-1', '/old', 1, NULL, NULL);`);
      old.close();
      for (const [round, message] of ['first', 'second'].entries()) {
        const stratus = await startStratus({ ephemeral: false, dataDir });
        const client = new CloudWatchLogsClient(clientConfig(stratus));
        try {
          if (round === 0) {
            // Refused as a duplicate if the old database's group had survived.
            await client.send(new CreateLogGroupCommand({ logGroupName: '/old' }));
            await client.send(new CreateLogStreamCommand({ logGroupName: '/old', logStreamName: 's' }));
          }
          await client.send(
            new PutLogEventsCommand({
              logGroupName: '/old',
              logStreamName: 's',
              logEvents: [{ timestamp: stratus.clock.now(), message }],
            }),
          );
          const events = await client.send(
            new GetLogEventsCommand({ logGroupName: '/old', logStreamName: 's' }),
          );
          assert.deepEqual(
            events.events?.map((e) => e.message),
            round === 0 ? ['first'] : ['first', 'second'],
          );
        } finally {
          client.destroy();
          await stratus.stop();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
