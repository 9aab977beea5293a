import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';
import { advanceClock, hashTable, startDynamo } from './helpers.ts';

const THROTTLED =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

const provisioned = (name: string, read: number, write: number) => ({
  ...hashTable(name, 'id'),
  BillingMode: 'PROVISIONED' as const,
  ProvisionedThroughput: { ReadCapacityUnits: read, WriteCapacityUnits: write },
});

describe('DynamoDB capacity', () => {
  let stratus: Stratus;
  let client: DynamoDBClient;
  let stop: () => Promise<void>;

  const kb = (n: number) => 'x'.repeat(n * 1024 - 20);

  before(async () => {
    ({ stratus, client, stop } = await startDynamo([
      {
        TableName: 'measured',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      },
      provisioned('sale', 5, 1),
      provisioned('burst', 1, 1),
      provisioned('batched', 1, 1),
      provisioned('conditional', 1, 1),
      provisioned('reads', 1, 100),
      hashTable('ondemand', 'id'),
    ]));
  });
  after(() => stop());

  it('counts 1 KB write units and 4 KB read units, eventual reads at half, GSI writes apart', async () => {
    const put = await client.send(
      new PutItemCommand({
        TableName: 'measured',
        Item: { pk: { S: 'p' }, sk: { S: '1' }, g: { S: 'G' }, data: { S: kb(5) } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    assert.deepEqual(put.ConsumedCapacity, {
      TableName: 'measured',
      CapacityUnits: 6,
      Table: { CapacityUnits: 5 },
      GlobalSecondaryIndexes: { byG: { CapacityUnits: 1 } },
    });
    const total = await client.send(
      new PutItemCommand({
        TableName: 'measured',
        Item: { pk: { S: 'p' }, sk: { S: '2' }, data: { S: kb(2) } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(total.ConsumedCapacity, { TableName: 'measured', CapacityUnits: 2 });
    const eventual = await client.send(
      new GetItemCommand({
        TableName: 'measured',
        Key: { pk: { S: 'p' }, sk: { S: '1' } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.equal(eventual.ConsumedCapacity?.CapacityUnits, 1);
    const strong = await client.send(
      new GetItemCommand({
        TableName: 'measured',
        Key: { pk: { S: 'p' }, sk: { S: '1' } },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.equal(strong.ConsumedCapacity?.CapacityUnits, 2);
    const query = await client.send(
      new QueryCommand({
        TableName: 'measured',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.equal(query.ConsumedCapacity?.CapacityUnits, 2, 'Query rounds the summed size (7 KB) up once');
    const onIndex = await client.send(
      new QueryCommand({
        TableName: 'measured',
        IndexName: 'byG',
        KeyConditionExpression: 'g = :g',
        ExpressionAttributeValues: { ':g': { S: 'G' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    assert.deepEqual(onIndex.ConsumedCapacity, {
      TableName: 'measured',
      CapacityUnits: 0.5,
      Table: { CapacityUnits: 0 },
      GlobalSecondaryIndexes: { byG: { CapacityUnits: 0.5 } },
    });
    const moved = await client.send(
      new UpdateItemCommand({
        TableName: 'measured',
        Key: { pk: { S: 'p' }, sk: { S: '1' } },
        UpdateExpression: 'SET g = :h',
        ExpressionAttributeValues: { ':h': { S: 'H' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    assert.deepEqual(
      moved.ConsumedCapacity?.GlobalSecondaryIndexes,
      { byG: { CapacityUnits: 2 } },
      'an index key change is a delete and a put',
    );
    const transaction = await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: 'measured', Item: { pk: { S: 't' }, sk: { S: '1' } } } }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(transaction.ConsumedCapacity, [{ TableName: 'measured', CapacityUnits: 2 }]);
  });

  /** Writes 10-unit items until one is refused; returns how many were accepted. */
  const drain = async (table: string, prefix: string) => {
    for (let accepted = 0; accepted < 100; accepted++) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: { id: { S: `${prefix}${accepted}` }, data: { S: kb(10) } },
          }),
        );
      } catch (error) {
        assert.equal((error as Error).name, 'ProvisionedThroughputExceededException');
        assert.equal((error as Error).message, THROTTLED);
        return accepted;
      }
    }
    assert.fail('never throttled');
  };

  it('refuses writes over the provisioned rate, and the SDK retries succeed as the clock moves (the Christmas sale)', async () => {
    // 1 WCU banks 300 units: thirty 10-unit writes, then the sale is refused.
    const accepted = await drain('sale', 'order-');
    assert.ok(accepted >= 30 && accepted <= 31, `a fresh table's burst takes 30 writes, got ${accepted}`);
    const retrying = new DynamoDBClient({
      ...clientConfig(stratus),
      maxAttempts: 20,
      retryStrategy: undefined,
    });
    const tick = setInterval(() => advanceClock(stratus, 500, client, retrying), 10);
    try {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          retrying.send(
            new PutItemCommand({ TableName: 'sale', Item: { id: { S: `rush-${i}` }, data: { S: kb(10) } } }),
          ),
        ),
      );
    } finally {
      clearInterval(tick);
      retrying.destroy();
    }
  });

  it('banks unused capacity per second, up to 300 seconds of it', async () => {
    await drain('burst', 'a');
    advanceClock(stratus, 100_000, client);
    const afterPause = await drain('burst', 'b');
    assert.ok(
      afterPause >= 10 && afterPause <= 11,
      `100 s at 1 WCU bank 100 units, got ${afterPause} writes`,
    );
    advanceClock(stratus, 1000_000, client);
    const afterLongPause = await drain('burst', 'c');
    assert.ok(
      afterLongPause >= 30 && afterLongPause <= 31,
      `the bank stops at 300 units, got ${afterLongPause} writes`,
    );
  });

  it('throttles a GSI on its own capacity', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'indexed',
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 100 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          },
        ],
      }),
    );
    // The table banks 30,000 units, its index 300: three 100-unit index writes use the index up.
    for (const id of ['1', '2', '3']) {
      await client.send(
        new PutItemCommand({
          TableName: 'indexed',
          Item: { id: { S: id }, g: { S: 'x' }, data: { S: kb(100) } },
        }),
      );
    }
    await assert.rejects(
      client.send(new PutItemCommand({ TableName: 'indexed', Item: { id: { S: '4' }, g: { S: 'x' } } })),
      { name: 'ProvisionedThroughputExceededException' },
    );
  });

  it('writes a batch while capacity lasts, returns the rest as UnprocessedItems, refuses it only when nothing fits', async () => {
    const requests = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        PutRequest: { Item: { id: { S: `b${from + i}` }, data: { S: kb(20) } } },
      }));
    const batch = (items: ReturnType<typeof requests>) =>
      client.send(new BatchWriteItemCommand({ RequestItems: { batched: items } }));
    // 300 banked units take fifteen 20-unit items; the other ten come back as they were sent.
    const first = await batch(requests(0, 25));
    const left = first.UnprocessedItems?.batched ?? [];
    assert.equal(left.length, 10);
    assert.deepEqual(left[0], requests(15, 1)[0]);
    await assert.rejects(batch(left as ReturnType<typeof requests>), {
      name: 'ProvisionedThroughputExceededException',
    });
    advanceClock(stratus, 40_000, client);
    const second = await batch(left as ReturnType<typeof requests>);
    assert.equal(second.UnprocessedItems?.batched?.length, 8, '40 s at 1 WCU write two more');
  });

  it('reads a batch while capacity lasts and returns the rest as UnprocessedKeys', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => ({ id: { S: `r${i}` } }));
    for (const key of keys.slice(0, 30)) {
      await client.send(new PutItemCommand({ TableName: 'reads', Item: { ...key, data: { S: kb(40) } } }));
    }
    const get = () =>
      client.send(new BatchGetItemCommand({ RequestItems: { reads: { Keys: keys, ConsistentRead: true } } }));
    // 300 banked read units take thirty 10-unit strongly consistent reads.
    const first = await get();
    assert.equal(first.Responses?.reads?.length, 30);
    assert.deepEqual(first.UnprocessedKeys?.reads, { Keys: keys.slice(30), ConsistentRead: true });
    await assert.rejects(get(), { name: 'ProvisionedThroughputExceededException' });
  });

  it('charges a failed conditional write by the existing item, as AWS does', async () => {
    // A client that never retries (the shared one retries once on clock skew), so each refusal is one request.
    const once = new DynamoDBClient({ ...clientConfig(stratus), maxAttempts: 1, retryStrategy: undefined });
    once.config.systemClockOffset = stratus.clock.offsetMs;
    const put = (condition?: string) =>
      once.send(
        new PutItemCommand({
          TableName: 'conditional',
          Item: { id: { S: 'x' }, data: { S: kb(10) } },
          ConditionExpression: condition,
        }),
      );
    try {
      await put();
      // 300 banked units less the first write's 10: 29 refused conditions of 10 units each use it up.
      let refused = 0;
      for (;;) {
        const error = await put('attribute_not_exists(id)').catch((e: Error) => e);
        assert.ok(error instanceof Error);
        if (error.name === 'ProvisionedThroughputExceededException') break;
        assert.equal(error.name, 'ConditionalCheckFailedException');
        refused++;
        assert.ok(refused <= 30, 'failed conditions consumed no capacity');
      }
      assert.ok(refused >= 28, `the burst took ${refused} failed conditions`);
    } finally {
      once.destroy();
    }
  });

  it('never throttles an on-demand table', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        client.send(
          new PutItemCommand({ TableName: 'ondemand', Item: { id: { S: `o${i}` }, data: { S: kb(4) } } }),
        ),
      ),
    );
  });
});
