import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startDynamo } from './helpers.ts';

// The orders and segments below are DynamoDB's own, as recorded against AWS (dynalite's suite):
// a scan walks partitions in the order of their key's hash, and parallel-scan segments are ranges of it.
const STRING_ORDER = ['2', '8', '9', '1', '6', 'hello', '0', '5', '4', 'äáöü', 'aardman', '7', '3', 'zapf'];
const NUMBER_ORDER = [
  '7',
  '999.9',
  '8',
  '3',
  '2',
  '-999.9',
  '9',
  '4',
  '-0.09',
  '6',
  '1',
  '0',
  '0.012345',
  '5',
];

describe('DynamoDB scan order and segments', () => {
  let testbed: Awaited<ReturnType<typeof startDynamo>>;
  const table = (name: string, type: 'S' | 'N') => ({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'a', AttributeType: type }],
    KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' as const }],
    BillingMode: 'PAY_PER_REQUEST' as const,
  });
  const put = async (name: string, type: 'S' | 'N', keys: string[]) => {
    for (let i = 0; i < keys.length; i += 25) {
      const requests = keys.slice(i, i + 25).map((k) => ({ PutRequest: { Item: { a: { [type]: k } } } }));
      await testbed.client.send(new BatchWriteItemCommand({ RequestItems: { [name]: requests as never } }));
    }
  };
  const scanKeys = async (name: string, type: 'S' | 'N', segment?: [number, number]) => {
    const out = await testbed.client.send(
      new ScanCommand({ TableName: name, Segment: segment?.[0], TotalSegments: segment?.[1] }),
    );
    return (out.Items ?? []).map((item) => item.a?.[type] as string);
  };

  before(async () => {
    testbed = await startDynamo([table('strings', 'S'), table('numbers', 'N'), table('segments', 'S')]);
  });
  after(() => testbed.stop());

  it('scans string keys in the order of their partition hash', async () => {
    await put('strings', 'S', [...STRING_ORDER].sort());
    assert.deepEqual(await scanKeys('strings', 'S'), STRING_ORDER);
  });

  it('scans number keys in the order of their partition hash (numbers hashed in DynamoDB form)', async () => {
    await put('numbers', 'N', [...NUMBER_ORDER].sort());
    assert.deepEqual(await scanKeys('numbers', 'N'), NUMBER_ORDER);
  });

  it('splits parallel-scan segments by ranges of the hash', async () => {
    await put('segments', 'S', ['3635', '228', '1668', '3435']);
    assert.deepEqual((await scanKeys('segments', 'S', [0, 4096])).sort(), ['228', '3635']);
    assert.deepEqual(await scanKeys('segments', 'S', [1, 4096]), ['1668']);
    assert.deepEqual(await scanKeys('segments', 'S', [4, 4096]), ['3435']);
    assert.deepEqual((await scanKeys('numbers', 'N', [1, 4096])).includes('251'), false);
    await put('numbers', 'N', ['251', '2388']);
    assert.ok((await scanKeys('numbers', 'N', [1, 4096])).includes('251'));
    assert.ok((await scanKeys('numbers', 'N', [4095, 4096])).includes('2388'));
  });

  it('refuses an ExclusiveStartKey from another segment', async () => {
    const [first] = await scanKeys('strings', 'S', [1, 2]);
    assert.ok(first);
    await assert.rejects(
      testbed.client.send(
        new ScanCommand({
          TableName: 'strings',
          Segment: 0,
          TotalSegments: 2,
          ExclusiveStartKey: { a: { S: first } },
        }),
      ),
      {
        name: 'ValidationException',
        message:
          'The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0',
      },
    );
  });
});
