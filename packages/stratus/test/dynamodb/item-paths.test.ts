import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';
import { firstShardRecords, startDynamo } from './helpers.ts';

/**
 * The fast paths of the item reads and writes: items stored without a binary tag are read without
 * one, a put reads the item it replaces only when something needs it, a page ends at Limit.
 */
describe('DynamoDB item read and write paths', () => {
  let stratus: Stratus;
  let client: DynamoDBClient;
  let stop: () => Promise<void>;

  const keyed = (name: string, gsi = false) => ({
    TableName: name,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' as const },
      { AttributeName: 'sk', AttributeType: 'S' as const },
      ...(gsi ? [{ AttributeName: 'g', AttributeType: 'S' as const }] : []),
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
    GlobalSecondaryIndexes: gsi
      ? [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }],
            Projection: { ProjectionType: 'ALL' as const },
          },
        ]
      : undefined,
  });

  before(async () => {
    ({ stratus, client, stop } = await startDynamo([
      keyed('plain'),
      keyed('indexed', true),
      {
        ...keyed('streamed'),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    ]));
  });
  after(() => stop());

  const put = (TableName: string, Item: Record<string, AttributeValue>, extra = {}) =>
    client.send(new PutItemCommand({ TableName, Item, ...extra }));

  it('keeps binary anywhere in an item, and text that looks like the stored binary tag', async () => {
    const items: Record<string, AttributeValue>[] = [
      {
        pk: { S: 'bin' },
        sk: { S: '1' },
        b: { B: new Uint8Array([0, 1, 255]) },
        nested: { M: { list: { L: [{ S: 'a' }, { B: new Uint8Array([7]) }] } } },
        set: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      },
      {
        pk: { S: 'bin' },
        sk: { S: '2' },
        $b: { S: 'an attribute named like the tag' },
        text: { S: '{"$b":"AAAA"} "$b": $b' },
        map: { M: { $b: { S: 'x' }, other: { N: '1' } } },
      },
    ];
    for (const item of items) await put('plain', item);
    for (const item of items) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: 'plain', Key: { pk: item.pk!, sk: item.sk! } }),
      );
      assert.deepEqual(Item, item);
    }
    const { Items } = await client.send(
      new QueryCommand({
        TableName: 'plain',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'bin' } },
      }),
    );
    assert.deepEqual(Items, items);
  });

  it('charges a put the larger of the replaced and the new item, single or batched', async () => {
    const big = 'x'.repeat(3 * 1024 - 100);
    const small = await put(
      'plain',
      { pk: { S: 'cap' }, sk: { S: '0' } },
      { ReturnConsumedCapacity: 'TOTAL' },
    );
    assert.equal(small.ConsumedCapacity?.CapacityUnits, 1);
    await put('plain', { pk: { S: 'cap' }, sk: { S: '1' }, big: { S: big } });
    const replaced = await put(
      'plain',
      { pk: { S: 'cap' }, sk: { S: '1' } },
      { ReturnConsumedCapacity: 'TOTAL' },
    );
    assert.equal(replaced.ConsumedCapacity?.CapacityUnits, 3);
    await put('plain', { pk: { S: 'cap' }, sk: { S: '2' }, big: { S: big } });
    const batch = await client.send(
      new BatchWriteItemCommand({
        RequestItems: { plain: [{ PutRequest: { Item: { pk: { S: 'cap' }, sk: { S: '2' } } } }] },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.equal(batch.ConsumedCapacity?.[0]?.CapacityUnits, 3);
  });

  it('answers the replaced item and checks conditions against it when a put asks', async () => {
    await put('plain', { pk: { S: 'old' }, sk: { S: '1' }, v: { N: '1' } });
    const { Attributes } = await put(
      'plain',
      { pk: { S: 'old' }, sk: { S: '1' }, v: { N: '2' } },
      { ReturnValues: 'ALL_OLD' },
    );
    assert.deepEqual(Attributes, { pk: { S: 'old' }, sk: { S: '1' }, v: { N: '1' } });
    await assert.rejects(
      put('plain', { pk: { S: 'old' }, sk: { S: '1' } }, { ConditionExpression: 'attribute_not_exists(pk)' }),
      { name: 'ConditionalCheckFailedException' },
    );
  });

  it('drops a replaced item from the index entry it no longer has, single or batched', async () => {
    const byG = async (g: string) =>
      (
        await client.send(
          new QueryCommand({
            TableName: 'indexed',
            IndexName: 'byG',
            KeyConditionExpression: 'g = :g',
            ExpressionAttributeValues: { ':g': { S: g } },
          }),
        )
      ).Items?.map((item) => item.sk?.S);
    await put('indexed', { pk: { S: 'p' }, sk: { S: '1' }, g: { S: 'a' } });
    await put('indexed', { pk: { S: 'p' }, sk: { S: '1' }, g: { S: 'b' } });
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          indexed: [
            { PutRequest: { Item: { pk: { S: 'p' }, sk: { S: '2' }, g: { S: 'a' } } } },
            { PutRequest: { Item: { pk: { S: 'p' }, sk: { S: '3' }, g: { S: 'a' } } } },
          ],
        },
      }),
    );
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: { indexed: [{ PutRequest: { Item: { pk: { S: 'p' }, sk: { S: '3' } } } }] },
      }),
    );
    assert.deepEqual(await byG('a'), ['2']);
    assert.deepEqual(await byG('b'), ['1']);
  });

  it('ends a page at Limit with a LastEvaluatedKey, whether or not more items follow', async () => {
    for (const sk of ['1', '2', '3']) await put('plain', { pk: { S: 'page' }, sk: { S: sk } });
    const page = (Limit: number, ExclusiveStartKey?: Record<string, AttributeValue>) =>
      client.send(
        new QueryCommand({
          TableName: 'plain',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'page' } },
          Limit,
          ExclusiveStartKey,
        }),
      );
    const first = await page(2);
    assert.deepEqual(
      first.Items?.map((i) => i.sk?.S),
      ['1', '2'],
    );
    assert.deepEqual(first.LastEvaluatedKey, { pk: { S: 'page' }, sk: { S: '2' } });
    const last = await page(1, first.LastEvaluatedKey);
    assert.deepEqual(
      last.Items?.map((i) => i.sk?.S),
      ['3'],
    );
    // AWS does not look ahead: a full page carries a key even when nothing follows it.
    assert.deepEqual(last.LastEvaluatedKey, { pk: { S: 'page' }, sk: { S: '3' } });
    const all = await page(3);
    assert.equal(all.Count, 3);
    assert.deepEqual(all.LastEvaluatedKey, { pk: { S: 'page' }, sk: { S: '3' } });
    const over = await page(4);
    assert.equal(over.Count, 3);
    assert.equal(over.LastEvaluatedKey, undefined);
  });

  it('keeps binary in the old and new images of a replaced item on the stream', async () => {
    const first = { pk: { S: 's' }, sk: { S: '1' }, b: { B: new Uint8Array([1, 2]) } };
    const second = { pk: { S: 's' }, sk: { S: '1' }, l: { L: [{ BS: [new Uint8Array([3])] }] } };
    await put('streamed', first);
    await put('streamed', second);
    const streams = new DynamoDBStreamsClient(clientConfig(stratus));
    try {
      const arn = (await client.send(new DescribeTableCommand({ TableName: 'streamed' }))).Table!
        .LatestStreamArn!;
      const Records = await firstShardRecords(streams, arn);
      assert.deepEqual(Records?.[0]?.dynamodb?.NewImage, first);
      assert.deepEqual(Records?.[1]?.dynamodb?.OldImage, first);
      assert.deepEqual(Records?.[1]?.dynamodb?.NewImage, second);
    } finally {
      streams.destroy();
    }
  });
});
