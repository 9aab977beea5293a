import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AttributeValue, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoTestbed, startDynamo } from './helpers.ts';

// A local index that projects only keys still answers every attribute when asked: DynamoDB fetches
// them from the table and charges those reads to the table (as recorded against AWS in dynalite's
// "should return all attributes when specified for secondary indexes").
describe('DynamoDB local index reads that need the table', () => {
  let testbed: DynamoTestbed;
  const S = (s: string): AttributeValue => ({ S: s });
  const big = 'e'.repeat(4061);
  // As long as the recorded case's partition key: the three items then sum to just over 8 KB.
  const partition = '86.7024584';
  const items: Record<string, AttributeValue>[] = [
    { a: S(partition), b: S('b1'), c: S('c1'), d: S('d1') },
    { a: S(partition), b: S('b3'), c: S('c3'), d: S('d3'), e: { M: { e3: S(big) } } },
    { a: S(partition), b: S('b4'), c: S('c4'), d: S('d4'), e: { M: { ee4: S('e4'), eee4: S(big) } } },
  ];

  before(async () => {
    testbed = await startDynamo([
      {
        TableName: 'local',
        AttributeDefinitions: ['a', 'b', 'c'].map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
        KeySchema: [
          { AttributeName: 'a', KeyType: 'HASH' },
          { AttributeName: 'b', KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'byC',
            KeySchema: [
              { AttributeName: 'a', KeyType: 'HASH' },
              { AttributeName: 'c', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ]);
    for (const Item of items) await testbed.client.send(new PutItemCommand({ TableName: 'local', Item }));
  });
  after(() => testbed.stop());

  const query = (extra: Record<string, unknown>) =>
    testbed.client.send(
      new QueryCommand({
        TableName: 'local',
        IndexName: 'byC',
        KeyConditionExpression: 'a = :a',
        ExpressionAttributeValues: { ':a': S(partition) },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'INDEXES',
        ...extra,
      }),
    );

  it('answers Select ALL_ATTRIBUTES with the table items, charging the fetch to the table', async () => {
    const out = await query({ Select: 'ALL_ATTRIBUTES' });
    assert.deepEqual(out.Items, items);
    assert.deepEqual(out.ConsumedCapacity, {
      TableName: 'local',
      CapacityUnits: 4,
      Table: { CapacityUnits: 3 },
      LocalSecondaryIndexes: { byC: { CapacityUnits: 1 } },
    });
  });

  it('fetches for a projection naming an attribute the index lacks, not for one it holds', async () => {
    const fetched = await query({ ProjectionExpression: 'b, d' });
    assert.deepEqual(
      fetched.Items,
      items.map((i) => ({ b: i.b, d: i.d })),
    );
    assert.equal(fetched.ConsumedCapacity?.Table?.CapacityUnits, 3);
    const held = await query({ ProjectionExpression: 'b, c' });
    assert.deepEqual(
      held.Items,
      items.map((i) => ({ b: i.b, c: i.c })),
    );
    assert.equal(held.ConsumedCapacity?.Table?.CapacityUnits, 0);
  });
});
