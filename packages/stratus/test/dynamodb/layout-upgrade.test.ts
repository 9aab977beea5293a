import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';

/** Layout 0's partition-key prefix: the first 4 bytes of MD5 of the key's stored bytes (layout 0 had no index `item_order`). */
function layoutZero(stored: Uint8Array): Buffer {
  const bytes = Buffer.from(stored.subarray(4));
  return Buffer.concat([createHash('md5').update(bytes).digest().subarray(0, 4), bytes]);
}

describe('DynamoDB: a database written by the previous layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-layout-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every item, index entry and query after the partition-key hash changed', async () => {
    const first = await Stratus.start({ dataDir: dir, port: 0, httpsPort: false });
    const client = new DynamoDBClient(clientConfig(first));
    await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [
          { AttributeName: 'customer', AttributeType: 'N' },
          { AttributeName: 'at', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'customer', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by-status',
            KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const customers = ['-12.5', '0', '7', '123456789012345678901234567890'];
    for (const customer of customers) {
      for (const at of ['a', 'b']) {
        await client.send(
          new PutItemCommand({
            TableName: 'orders',
            Item: {
              customer: { N: customer },
              at: { S: at },
              status: { S: at === 'a' ? 'open' : 'shipped' },
            },
          }),
        );
      }
    }
    client.destroy();
    await first.stop();

    // Rewrite the database as layout 0 wrote it: the old prefix on every partition key, version 0.
    const db = new DatabaseSync(join(dir, 'dynamodb-us-east-1.sqlite'));
    db.function('layout_zero', (pk) => layoutZero(pk as Uint8Array));
    db.exec(`UPDATE items SET pk = layout_zero(pk);
      UPDATE item_times SET pk = layout_zero(pk);
      CREATE TABLE old_index_items (
        table_id TEXT NOT NULL, index_name TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,
        item_pk BLOB NOT NULL, item_sk BLOB NOT NULL,
        PRIMARY KEY (table_id, index_name, pk, sk, item_pk, item_sk)) WITHOUT ROWID;
      INSERT INTO old_index_items
        SELECT table_id, index_name, layout_zero(pk), sk, layout_zero(item_pk), item_sk FROM index_items;
      DROP TABLE index_items;
      ALTER TABLE old_index_items RENAME TO index_items;
      PRAGMA user_version = 0;`);
    db.close();

    const second = await Stratus.start({ dataDir: dir, port: 0, httpsPort: false });
    const reader = new DynamoDBClient(clientConfig(second));
    try {
      for (const customer of customers) {
        const got = await reader.send(
          new GetItemCommand({ TableName: 'orders', Key: { customer: { N: customer }, at: { S: 'b' } } }),
        );
        assert.equal(got.Item?.status?.S, 'shipped', customer);
        const page = await reader.send(
          new QueryCommand({
            TableName: 'orders',
            KeyConditionExpression: 'customer = :c',
            ExpressionAttributeValues: { ':c': { N: customer } },
          }),
        );
        assert.deepEqual(
          page.Items?.map((i) => i.at?.S),
          ['a', 'b'],
          customer,
        );
      }
      const open = await reader.send(
        new QueryCommand({
          TableName: 'orders',
          IndexName: 'by-status',
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'open' } },
        }),
      );
      assert.equal(open.Count, customers.length);
      assert.equal((await reader.send(new ScanCommand({ TableName: 'orders' }))).Count, 2 * customers.length);
    } finally {
      reader.destroy();
      await second.stop();
    }
  });
});
