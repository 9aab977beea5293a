import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';
import { advanceClock, firstShardRecords, hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB Time to Live', () => {
  let stratus: Stratus;
  let client: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let stop: () => Promise<void>;
  let streamArn: string;

  const nowSeconds = () => Math.floor(stratus.clock.now() / 1000);
  const put = (id: string, extra: Record<string, { N: string } | { S: string }> = {}) =>
    client.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: id }, ...extra } }));
  const ids = async () =>
    ((await client.send(new ScanCommand({ TableName: 'sessions' }))).Items ?? []).map((i) => i.id.S).sort();

  before(async () => {
    ({ stratus, client, stop } = await startDynamo());
    streams = new DynamoDBStreamsClient(clientConfig(stratus));
    const { TableDescription } = await client.send(
      new CreateTableCommand({
        ...hashTable('sessions', 'id'),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    streamArn = TableDescription!.LatestStreamArn!;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'sessions',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
      }),
    );
  });
  after(async () => {
    streams.destroy();
    await stop();
  });

  it('deletes items once their TTL passes by the Stratus clock, and keeps the others', async () => {
    await put('soon', { expires: { N: String(nowSeconds() + 60) } });
    await put('later', { expires: { N: String(nowSeconds() + 3600) } });
    await put('forever');
    await put('text', { expires: { S: String(nowSeconds()) } });
    await put('ancient', { expires: { N: String(nowSeconds() - 6 * 365 * 24 * 3600) } });
    assert.deepEqual(await ids(), ['ancient', 'forever', 'later', 'soon', 'text']);
    advanceClock(stratus, 61_000, client, streams);
    assert.deepEqual(
      await ids(),
      ['ancient', 'forever', 'later', 'text'],
      'only the item whose TTL passed is gone',
    );
    advanceClock(stratus, 3600_000, client, streams);
    assert.deepEqual(await ids(), ['ancient', 'forever', 'text']);
  });

  it('still returns an expired item until the sweeper has run', async () => {
    await put('stale', { expires: { N: String(nowSeconds() - 1) } });
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'sessions', Key: { id: { S: 'stale' } } }),
    );
    assert.equal(Item?.id.S, 'stale');
    advanceClock(stratus, 11_000, client, streams);
    const after = await client.send(
      new GetItemCommand({ TableName: 'sessions', Key: { id: { S: 'stale' } } }),
    );
    assert.equal(after.Item, undefined);
  });

  it('writes TTL deletions to the stream as REMOVE by the dynamodb.amazonaws.com service', async () => {
    const Records = await firstShardRecords(streams, streamArn);
    const removes = (Records ?? []).filter((r) => r.eventName === 'REMOVE');
    assert.deepEqual(
      removes.map((r) => r.dynamodb?.Keys?.id.S),
      ['soon', 'later', 'stale'],
    );
    for (const record of removes) {
      assert.deepEqual(record.userIdentity, { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' });
      assert.ok(record.dynamodb?.OldImage?.expires);
    }
    const inserts = (Records ?? []).filter((r) => r.eventName === 'INSERT');
    assert.ok(inserts.every((r) => r.userIdentity === undefined));
  });

  it('stops deleting once TTL is disabled', async () => {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'sessions',
        TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' },
      }),
    );
    await put('kept', { expires: { N: String(nowSeconds() - 1) } });
    advanceClock(stratus, 60_000, client, streams);
    assert.ok((await ids()).includes('kept'));
  });
});
