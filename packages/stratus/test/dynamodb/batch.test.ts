import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB batches', () => {
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let stop: () => Promise<void>;

  before(async () => {
    ({ client, doc, stop } = await startDynamo([hashTable('left', 'id'), hashTable('right', 'id')]));
  });
  after(() => stop());

  it('writes puts and deletes across tables and leaves nothing unprocessed', async () => {
    const first = await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          left: [{ PutRequest: { Item: { id: 'a', n: 1 } } }, { PutRequest: { Item: { id: 'b', n: 2 } } }],
          right: [{ PutRequest: { Item: { id: 'a', n: 3 } } }],
        },
      }),
    );
    assert.deepEqual(first.UnprocessedItems, {});
    await doc.send(
      new BatchWriteCommand({ RequestItems: { left: [{ DeleteRequest: { Key: { id: 'b' } } }] } }),
    );
    const gone = await client.send(new GetItemCommand({ TableName: 'left', Key: { id: { S: 'b' } } }));
    assert.equal(gone.Item, undefined);
    const kept = await client.send(new GetItemCommand({ TableName: 'right', Key: { id: { S: 'a' } } }));
    assert.equal(kept.Item?.n.N, '3');
  });

  it('refuses more than 25 requests and duplicate keys, writing nothing', async () => {
    const puts = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: { id: `${prefix}${i}` } } }));
    await assert.rejects(
      doc.send(new BatchWriteCommand({ RequestItems: { left: puts(13, 'x'), right: puts(13, 'x') } })),
      { name: 'ValidationException', message: 'Too many items requested for the BatchWriteItem call' },
    );
    await assert.rejects(
      doc.send(
        new BatchWriteCommand({
          RequestItems: {
            left: [{ PutRequest: { Item: { id: 'dup' } } }, { DeleteRequest: { Key: { id: 'dup' } } }],
          },
        }),
      ),
      { name: 'ValidationException', message: 'Provided list of item keys contains duplicates' },
    );
    await assert.rejects(
      doc.send(
        new BatchWriteCommand({
          RequestItems: { left: [{ PutRequest: { Item: { id: 'ok' } } }], missing: puts(1, 'm') },
        }),
      ),
      { name: 'ResourceNotFoundException', message: 'Requested resource not found' },
    );
    const ok = await client.send(new GetItemCommand({ TableName: 'left', Key: { id: { S: 'ok' } } }));
    assert.equal(ok.Item, undefined, 'a refused batch writes nothing');
    const full = await doc.send(new BatchWriteCommand({ RequestItems: { left: puts(25, 'f') } }));
    assert.deepEqual(full.UnprocessedItems, {});
  });

  it('gets keys across tables with a projection, skipping missing items', async () => {
    const out = await doc.send(
      new BatchGetCommand({
        RequestItems: {
          left: {
            Keys: [{ id: 'a' }, { id: 'nope' }],
            ProjectionExpression: '#n',
            ExpressionAttributeNames: { '#n': 'n' },
          },
          right: { Keys: [{ id: 'a' }], ConsistentRead: true },
        },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(out.Responses, { left: [{ n: 1 }], right: [{ id: 'a', n: 3 }] });
    assert.deepEqual(out.UnprocessedKeys, {});
    assert.equal(out.ConsumedCapacity?.length, 2);
  });

  it('refuses more than 100 keys and duplicate keys', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ id: { S: `k${i}` } }));
    await assert.rejects(
      client.send(
        new BatchGetItemCommand({ RequestItems: { left: { Keys: keys(60) }, right: { Keys: keys(41) } } }),
      ),
      { name: 'ValidationException', message: 'Too many items requested for the BatchGetItem call' },
    );
    await assert.rejects(
      client.send(
        new BatchGetItemCommand({
          RequestItems: { left: { Keys: [{ id: { S: 'a' } }, { id: { S: 'a' } }] } },
        }),
      ),
      { name: 'ValidationException', message: 'Provided list of item keys contains duplicates' },
    );
    const hundred = await client.send(
      new BatchGetItemCommand({ RequestItems: { left: { Keys: keys(100) } } }),
    );
    assert.deepEqual(hundred.Responses, { left: [] });
  });

  it('refuses an empty write request', async () => {
    await assert.rejects(client.send(new BatchWriteItemCommand({ RequestItems: { left: [{}] } })), {
      name: 'ValidationException',
    });
  });
});
