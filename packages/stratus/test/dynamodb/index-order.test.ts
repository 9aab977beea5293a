import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AttributeValue, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoTestbed, startDynamo } from './helpers.ts';

// Items sharing a global index's key come back in the order of their table key's hash, as recorded
// against AWS (dynalite's suite, "should query on basic hash global index"): not by table key.
describe('DynamoDB index entries sharing an index key', () => {
  let testbed: DynamoTestbed;
  const S = (s: string): AttributeValue => ({ S: s });
  const keys: Array<[string, string]> = [
    ['a', 'a'],
    ['b', 'b'],
    ['c', 'e'],
    ['c', 'd'],
    ['d', 'a'],
    ['e', 'a'],
  ];

  before(async () => {
    testbed = await startDynamo([
      {
        TableName: 'ranged',
        AttributeDefinitions: ['a', 'b', 'c'].map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
        KeySchema: [
          { AttributeName: 'a', KeyType: 'HASH' },
          { AttributeName: 'b', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byC',
            KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ]);
    for (const [a, b] of keys) {
      await testbed.client.send(
        new PutItemCommand({ TableName: 'ranged', Item: { a: S(a), b: S(b), c: S('same') } }),
      );
    }
  });
  after(() => testbed.stop());

  const query = (input: { limit?: number; start?: Record<string, AttributeValue>; forward?: boolean }) =>
    testbed.client.send(
      new QueryCommand({
        TableName: 'ranged',
        IndexName: 'byC',
        KeyConditionExpression: 'c = :c',
        ExpressionAttributeValues: { ':c': S('same') },
        Limit: input.limit,
        ExclusiveStartKey: input.start,
        ScanIndexForward: input.forward,
      }),
    );
  const tableKeys = (items: Record<string, AttributeValue>[] | undefined) =>
    items?.map((i) => `${i.a?.S}${i.b?.S}`);

  it("orders them by the table key's hash, and pages through that order", async () => {
    const first = await query({ limit: 4 });
    assert.deepEqual(tableKeys(first.Items), ['bb', 'aa', 'ce', 'ea']);
    assert.deepEqual(first.LastEvaluatedKey, { a: S('e'), b: S('a'), c: S('same') });
    const rest = await query({ start: first.LastEvaluatedKey });
    const all = await query({});
    assert.deepEqual([...tableKeys(first.Items)!, ...tableKeys(rest.Items)!], tableKeys(all.Items));
    assert.equal(all.Count, keys.length);
    const backwards = await query({ forward: false });
    assert.deepEqual(tableKeys(backwards.Items), tableKeys(all.Items)!.toReversed());
  });
});
