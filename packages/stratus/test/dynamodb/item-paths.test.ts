import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Stratus } from '../../src/stratus.ts';
import { sign } from '../support/sigv4.ts';
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
      keyed('sized'),
      keyed('sizedBatch'),
      keyed('scanned'),
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

  it('measures and normalizes an item in the walk that checks it, single or batched', async () => {
    // 46 bytes by AWS's rules: names, strings and sets by their UTF-8 bytes, numbers one byte per two
    // significant digits plus one (and one for a negative), maps and lists 3 plus one per element.
    const item: Record<string, AttributeValue> = {
      pk: { S: 'size' },
      sk: { S: '1' },
      n: { N: '-0012.3400' },
      m: { M: { a: { N: '1' }, b: { L: [{ S: 'xy' }, { BOOL: true }, { NULL: true }] } } },
      ss: { SS: ['a', 'bcd'] },
      ns: { NS: ['1', '100'] },
    };
    await put('sized', item);
    await client.send(
      new BatchWriteItemCommand({ RequestItems: { sizedBatch: [{ PutRequest: { Item: item } }] } }),
    );
    for (const TableName of ['sized', 'sizedBatch']) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      assert.equal(Table?.TableSizeBytes, 46, TableName);
      const { Item } = await client.send(
        new GetItemCommand({ TableName, Key: { pk: { S: 'size' }, sk: { S: '1' } } }),
      );
      assert.deepEqual(Item?.n, { N: '-12.34' });
      assert.deepEqual(Item?.m, item.m);
      assert.deepEqual(new Set(Item?.ns?.NS), new Set(['1', '100']));
    }
  });

  it('answers GetItem with the item as it was written, normalized, byte for byte with its CRC32', async () => {
    const item = {
      pk: { S: 'raw "quoted" \u00e9' },
      sk: { S: '1' },
      n: { N: '0010.50' },
      m: { M: { z: { BOOL: false }, a: { L: [{ NULL: true }, { NS: ['2', '1'] }] } } },
    };
    await put('plain', item);
    const call = await sign(stratus, {
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: JSON.stringify({
        TableName: 'plain',
        Key: { pk: item.pk, sk: item.sk },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    });
    const answer = await fetch(stratus.endpoint, { method: 'POST', headers: call.headers, body: call.body });
    const text = await answer.text();
    const normalized = { ...item, n: { N: '10.5' } };
    assert.equal(
      text,
      JSON.stringify({ Item: normalized, ConsumedCapacity: { TableName: 'plain', CapacityUnits: 0.5 } }),
    );
    assert.equal(answer.headers.get('x-amz-crc32'), String(crc32(text)));
    // Projected, it is the projection.
    const projected = await client.send(
      new GetItemCommand({
        TableName: 'plain',
        Key: { pk: item.pk, sk: item.sk },
        ProjectionExpression: 'm.a[1]',
      }),
    );
    assert.deepEqual(projected.Item, { m: { M: { a: { L: [{ NS: ['2', '1'] }] } } } });
  });

  it('answers a Query page byte for byte: items as written, binary as base64, the key after the last', async () => {
    const items: Record<string, AttributeValue>[] = [
      { pk: { S: 'qraw' }, sk: { S: '1' }, n: { N: '1.50' }, s: { SS: ['b', 'a'] } },
      { pk: { S: 'qraw' }, sk: { S: '2' }, b: { B: Buffer.from('bin') }, m: { M: { x: { NULL: true } } } },
      { pk: { S: 'qraw' }, sk: { S: '3' } },
    ];
    for (const item of items) await put('plain', item);
    const call = await sign(stratus, {
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query' },
      body: JSON.stringify({
        TableName: 'plain',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'qraw' } },
        Limit: 2,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    });
    const answer = await fetch(stratus.endpoint, { method: 'POST', headers: call.headers, body: call.body });
    const text = await answer.text();
    const expected = {
      Items: [
        { ...items[0], n: { N: '1.5' } },
        { ...items[1], b: { B: Buffer.from('bin').toString('base64') } },
      ],
      Count: 2,
      ScannedCount: 2,
      LastEvaluatedKey: { pk: { S: 'qraw' }, sk: { S: '2' } },
      ConsumedCapacity: { TableName: 'plain', CapacityUnits: 0.5 },
    };
    assert.equal(text, JSON.stringify(expected));
    assert.equal(answer.headers.get('x-amz-crc32'), String(crc32(text)));
    // The last page: no LastEvaluatedKey.
    const rest = await client.send(
      new QueryCommand({
        TableName: 'plain',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'qraw' } },
        ExclusiveStartKey: expected.LastEvaluatedKey,
      }),
    );
    assert.deepEqual(rest.Items, [items[2]]);
    assert.equal(rest.LastEvaluatedKey, undefined);
  });

  it('answers a Scan page byte for byte, as the parsed path would, page after page', async () => {
    const items: Record<string, AttributeValue>[] = [
      { pk: { S: 'a' }, sk: { S: '1' }, n: { N: '0012.50' } },
      { pk: { S: 'b' }, sk: { S: '1' }, b: { B: Buffer.from('bin') }, l: { L: [{ BOOL: true }] } },
      { pk: { S: 'c' }, sk: { S: '1' }, s: { S: 'x' } },
    ];
    for (const item of items) await put('scanned', item);
    const scanText = async (body: Record<string, unknown>) => {
      const call = await sign(stratus, {
        service: 'dynamodb',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' },
        body: JSON.stringify({ TableName: 'scanned', ...body }),
      });
      const answer = await fetch(stratus.endpoint, {
        method: 'POST',
        headers: call.headers,
        body: call.body,
      });
      const text = await answer.text();
      assert.equal(answer.headers.get('x-amz-crc32'), String(crc32(text)));
      return text;
    };
    // The same pages through the parsed path (a filter that keeps everything) and through the stored one.
    const first = await scanText({ Limit: 2, ReturnConsumedCapacity: 'TOTAL' });
    const parsed = await scanText({
      Limit: 2,
      ReturnConsumedCapacity: 'TOTAL',
      FilterExpression: 'attribute_exists(pk)',
    });
    assert.equal(first, parsed);
    const page = JSON.parse(first) as { Items: unknown[]; LastEvaluatedKey?: unknown; Count: number };
    assert.equal(page.Count, 2);
    assert.ok(page.LastEvaluatedKey);
    const rest = JSON.parse(await scanText({ ExclusiveStartKey: page.LastEvaluatedKey })) as typeof page;
    assert.equal(rest.Count, 1);
    assert.equal(rest.LastEvaluatedKey, undefined);
    // Every item once, as written (numbers normalized, binary as base64), through the SDK too.
    const all = await client.send(new ScanCommand({ TableName: 'scanned' }));
    const byPk = (x: Record<string, AttributeValue>) => x.pk!.S!;
    assert.deepEqual(
      [...(all.Items ?? [])].sort((x, y) => byPk(x).localeCompare(byPk(y))),
      [
        { ...items[0], n: { N: '12.5' } },
        { ...items[1], b: { B: new Uint8Array(Buffer.from('bin')) } },
        items[2],
      ],
    );
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
