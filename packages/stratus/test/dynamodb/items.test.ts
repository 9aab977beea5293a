import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB items', () => {
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let stop: () => Promise<void>;

  before(async () => {
    ({ client, doc, stop } = await startDynamo([hashTable('things', 'id')]));
  });
  after(() => stop());

  it('puts, gets and deletes an item, returning the old one when asked', async () => {
    const item = {
      id: { S: 'a' },
      n: { N: '001.50' },
      b: { B: new Uint8Array([1, 2, 3]) },
      tags: { SS: ['x', 'y'] },
      nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }] } } },
    };
    const put = await client.send(new PutItemCommand({ TableName: 'things', Item: item }));
    assert.equal(put.Attributes, undefined);
    const { Item } = await client.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'a' } } }));
    assert.equal(Item?.n.N, '1.5', 'numbers come back normalized');
    assert.deepEqual(Item?.b.B, new Uint8Array([1, 2, 3]));
    assert.deepEqual(Item?.nested, item.nested);
    const replaced = await client.send(
      new PutItemCommand({ TableName: 'things', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.equal(replaced.Attributes?.n.N, '1.5');
    const deleted = await client.send(
      new DeleteItemCommand({ TableName: 'things', Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.deepEqual(deleted.Attributes, { id: { S: 'a' } });
    const after = await client.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'a' } } }));
    assert.equal(after.Item, undefined);
  });

  it('applies ConditionExpression with names and values', async () => {
    await doc.send(new PutCommand({ TableName: 'things', Item: { id: 'c', version: 1 } }));
    await assert.rejects(
      doc.send(
        new PutCommand({
          TableName: 'things',
          Item: { id: 'c', version: 2 },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
      { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    );
    await doc.send(
      new PutCommand({
        TableName: 'things',
        Item: { id: 'c', version: 2 },
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': 1 },
      }),
    );
    await assert.rejects(
      client.send(
        new DeleteItemCommand({
          TableName: 'things',
          Key: { id: { S: 'c' } },
          ConditionExpression: 'version > :v',
          ExpressionAttributeValues: { ':v': { N: '2' } },
        }),
      ),
      { name: 'ConditionalCheckFailedException' },
    );
    const { Item } = await doc.send(new GetCommand({ TableName: 'things', Key: { id: 'c' } }));
    assert.equal(Item?.version, 2);
  });

  it('updates with SET arithmetic, if_not_exists, list_append, REMOVE, ADD and DELETE', async () => {
    await doc.send(
      new PutCommand({
        TableName: 'things',
        Item: {
          id: 'u',
          count: 10,
          lst: [1],
          xs: [1, 2, 3],
          tags: new Set(['a']),
          bag: new Set(['a', 'b']),
          gone: 'x',
          mp: { k: 1 },
        },
      }),
    );
    const result = await doc.send(
      new UpdateCommand({
        TableName: 'things',
        Key: { id: 'u' },
        UpdateExpression:
          'SET #c = #c + :one, fresh = if_not_exists(fresh, :zero), lst = list_append(lst, :more), mp.k2 = :one ' +
          'REMOVE gone, xs[0] ADD tags :t, tally :one DELETE bag :a',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':zero': 0,
          ':more': [4],
          ':t': new Set(['c']),
          ':a': new Set(['a']),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.deepEqual(result.Attributes, {
      id: 'u',
      count: 11,
      fresh: 0,
      lst: [1, 4],
      xs: [2, 3],
      mp: { k: 1, k2: 1 },
      tags: new Set(['a', 'c']),
      bag: new Set(['b']),
      tally: 1,
    });
    const updated = await doc.send(
      new UpdateCommand({
        TableName: 'things',
        Key: { id: 'u' },
        UpdateExpression: 'SET #c = #c - :big',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':big': 0.5 },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    assert.deepEqual(updated.Attributes, { count: 11 });
  });

  it('adds exactly with 38 digits, not with floats', async () => {
    const result = await client.send(
      new UpdateItemCommand({
        TableName: 'things',
        Key: { id: { S: 'big' } },
        UpdateExpression: 'ADD n :a SET f = :x + :y',
        ExpressionAttributeValues: {
          ':a': { N: '12345678901234567890123456789012345678' },
          ':x': { N: '0.1' },
          ':y': { N: '0.2' },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.equal(result.Attributes?.n.N, '12345678901234567890123456789012345678');
    assert.equal(result.Attributes?.f.N, '0.3');
  });

  it("writes one list's elements by ascending index, whatever the actions' order", async () => {
    const Key = { id: { S: 'listed' } };
    await client.send(
      new PutItemCommand({
        TableName: 'things',
        Item: { ...Key, c: { L: [{ N: '1' }, { N: '3' }] }, m: { M: { l: { L: [] } } } },
      }),
    );
    // AWS's recorded answer (dynalite's "should update nested attributes"): writes past the end append
    // in index order, SET and ADD alike; an index inside the list replaces in place.
    const result = await client.send(
      new UpdateItemCommand({
        TableName: 'things',
        Key,
        UpdateExpression:
          'SET c[1] = :s, c[4] = :minus, c[2] = :three, m.l[7] = :x, m.l[3] = :y ADD c[8] :set, c[6] :two',
        ExpressionAttributeValues: {
          ':s': { S: 's' },
          ':minus': { N: '-1' },
          ':three': { N: '3' },
          ':two': { N: '2' },
          ':set': { SS: ['a'] },
          ':x': { S: 'x' },
          ':y': { S: 'y' },
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    // UPDATED_NEW reads the named indexes in the new list: c[1], c[2] and c[4] exist, c[6] and c[8] do not.
    assert.deepEqual(result.Attributes?.c, { L: [{ S: 's' }, { N: '3' }, { N: '2' }] });
    const { Item } = await client.send(new GetItemCommand({ TableName: 'things', Key }));
    assert.deepEqual(Item?.c, {
      L: [{ N: '1' }, { S: 's' }, { N: '3' }, { N: '-1' }, { N: '2' }, { SS: ['a'] }],
    });
    assert.deepEqual(Item?.m, { M: { l: { L: [{ S: 'y' }, { S: 'x' }] } } });
  });

  it('creates the item an update names when it does not exist', async () => {
    const result = await client.send(
      new UpdateItemCommand({
        TableName: 'things',
        Key: { id: { S: 'new' } },
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { S: 'x' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.deepEqual(result.Attributes, { id: { S: 'new' }, a: { S: 'x' } });
  });

  it('refuses bad keys, values and oversized items with AWS messages', async () => {
    const expect = (promise: Promise<unknown>, message: string) =>
      assert.rejects(promise, { name: 'ValidationException', message });
    await expect(
      client.send(new GetItemCommand({ TableName: 'things', Key: { id: { N: '1' } } })),
      'The provided key element does not match the schema',
    );
    await expect(
      client.send(new PutItemCommand({ TableName: 'things', Item: { other: { S: 'x' } } })),
      'One or more parameter values were invalid: Missing the key id in the item',
    );
    await expect(
      client.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: '' } } })),
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    );
    await expect(
      client.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'x' }, n: { N: 'abc' } } })),
      'The parameter cannot be converted to a numeric value: abc',
    );
    await expect(
      client.send(
        new PutItemCommand({ TableName: 'things', Item: { id: { S: 'x' }, s: { SS: ['a', 'a'] } } }),
      ),
      'One or more parameter values were invalid: Input collection [a, a] contains duplicates.',
    );
    await expect(
      client.send(
        new PutItemCommand({
          TableName: 'things',
          Item: { id: { S: 'x' }, big: { S: 'x'.repeat(400 * 1024) } },
        }),
      ),
      'Item size has exceeded the maximum allowed size',
    );
    await expect(
      client.send(
        new UpdateItemCommand({
          TableName: 'things',
          Key: { id: { S: 'x' } },
          UpdateExpression: 'SET id = :v',
          ExpressionAttributeValues: { ':v': { S: 'y' } },
        }),
      ),
      'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
    );
    await expect(
      client.send(
        new UpdateItemCommand({
          TableName: 'things',
          Key: { id: { S: 'x' } },
          UpdateExpression: 'SET a = a + :v',
          ExpressionAttributeValues: { ':v': { N: '1' } },
        }),
      ),
      'The provided expression refers to an attribute that does not exist in the item',
    );
  });

  it('counts items and bytes in DescribeTable', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'things' }));
    assert.ok((Table?.ItemCount ?? 0) > 0);
    assert.ok((Table?.TableSizeBytes ?? 0) > 0);
  });
});
