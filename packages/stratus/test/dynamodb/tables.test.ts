import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB tables', () => {
  let stratus: Stratus;
  let client: DynamoDBClient;
  let stop: () => Promise<void>;

  before(async () => {
    ({ stratus, client, stop } = await startDynamo());
  });
  after(() => stop());

  const simple = (name: string) => new CreateTableCommand(hashTable(name, 'pk'));

  it('creates a table CREATING, then describes it ACTIVE with its indexes', async () => {
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
          { AttributeName: 'gpk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          },
        ],
      }),
    );
    assert.equal(created.TableDescription?.TableStatus, 'CREATING');
    assert.equal(created.TableDescription?.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/orders');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'orders' }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.ItemCount, 0);
    assert.equal(Table?.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assert.equal(Table?.GlobalSecondaryIndexes?.[0].IndexName, 'byG');
    assert.equal(Table?.GlobalSecondaryIndexes?.[0].IndexStatus, 'ACTIVE');
  });

  it('refuses a second table of the same name', async () => {
    await client.send(simple('twice'));
    await assert.rejects(client.send(simple('twice')), {
      name: 'ResourceInUseException',
      message: 'Table already exists: twice',
    });
  });

  it('validates key schemas against attribute definitions as AWS does', async () => {
    await assert.rejects(
      client.send(
        new CreateTableCommand({
          TableName: 'bad',
          AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'b', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      {
        name: 'ValidationException',
        message:
          'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [b], AttributeDefinitions: [a]',
      },
    );
    await assert.rejects(
      client.send(
        new CreateTableCommand({
          TableName: 'bad',
          AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        }),
      ),
      {
        name: 'ValidationException',
        message:
          'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
      },
    );
  });

  it('lists table names in pages', async () => {
    for (const name of ['list-c', 'list-a', 'list-b']) await client.send(simple(name));
    const all = await client.send(new ListTablesCommand({}));
    // DynamoDB's request ids are 52 upper-case letters and digits, not the UUIDs of other services.
    assert.match(all.$metadata.requestId ?? '', /^[0-9A-Z]{52}$/);
    const names = all.TableNames ?? [];
    assert.deepEqual(
      names.filter((n) => n.startsWith('list-')),
      ['list-a', 'list-b', 'list-c'],
    );
    const first = await client.send(new ListTablesCommand({ Limit: 2 }));
    assert.equal(first.TableNames?.length, 2);
    assert.equal(first.LastEvaluatedTableName, first.TableNames?.[1]);
    const rest = await client.send(
      new ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName }),
    );
    assert.deepEqual([...(first.TableNames ?? []), ...(rest.TableNames ?? [])], names);
  });

  it('keeps regions apart', async () => {
    const west = new DynamoDBClient(clientConfig(stratus, 'us-west-2'));
    try {
      await west.send(simple('regional'));
      const east = await client.send(new ListTablesCommand({}));
      assert.ok(!east.TableNames?.includes('regional'));
      const { Table } = await west.send(new DescribeTableCommand({ TableName: 'regional' }));
      assert.equal(Table?.TableArn, 'arn:aws:dynamodb:us-west-2:000000000000:table/regional');
    } finally {
      west.destroy();
    }
  });

  it('deletes a table (DELETING) with its items; a new table of that name starts empty', async () => {
    await client.send(simple('gone'));
    await client.send(new PutItemCommand({ TableName: 'gone', Item: { pk: { S: 'x' } } }));
    const deleted = await client.send(new DeleteTableCommand({ TableName: 'gone' }));
    assert.equal(deleted.TableDescription?.TableStatus, 'DELETING');
    await assert.rejects(client.send(new DescribeTableCommand({ TableName: 'gone' })), {
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found: Table: gone not found',
    });
    await assert.rejects(client.send(new PutItemCommand({ TableName: 'gone', Item: { pk: { S: 'x' } } })), {
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found',
    });
    await client.send(simple('gone'));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'gone' }));
    assert.equal(Table?.ItemCount, 0);
  });

  it('keeps tables and items across a restart of an on-disk instance', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stratus-dynamodb-'));
    try {
      const first = await startStratus({ ephemeral: false, dataDir });
      const one = new DynamoDBClient(clientConfig(first));
      await one.send(simple('durable'));
      await one.send(new PutItemCommand({ TableName: 'durable', Item: { pk: { S: 'k' }, v: { N: '7' } } }));
      one.destroy();
      await first.stop();
      const second = await startStratus({ ephemeral: false, dataDir });
      const two = new DynamoDBClient(clientConfig(second));
      try {
        const { Item } = await two.send(
          new GetItemCommand({ TableName: 'durable', Key: { pk: { S: 'k' } } }),
        );
        assert.equal(Item?.v.N, '7');
      } finally {
        two.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
