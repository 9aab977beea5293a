import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { encodeResponse } from '../../src/protocol/index.ts';
import { JsonText } from '../../src/protocol/json-text.ts';
import { loadModel } from '../../src/protocol/models/index.ts';

const dynamodb = loadModel('dynamodb');
const logs = loadModel('logs');

function body(model: ReturnType<typeof loadModel>, operation: string, output: unknown): unknown {
  return JSON.parse(String(encodeResponse(model, operation, output, { requestId: 'r' }).body));
}

describe('json output writers', () => {
  it('passes values already in wire form through, and writes the rest exactly as the model says', () => {
    const output = {
      Items: [
        { a: { S: 'x' }, n: { N: '1' }, m: { M: { t: { BOOL: true }, l: { L: [{ NULL: true }] } } } },
        // Binary deep in an item: base64, after members that need no change.
        { s: { S: 'y' }, b: { M: { deep: { L: [{ S: 'z' }, { B: Buffer.from('hi') }] } } } },
        { bs: { BS: [Buffer.from([1]), Buffer.from([2])] } },
      ],
      Count: 3,
      ScannedCount: 3,
      Unknown: 'left out',
      LastEvaluatedKey: undefined,
    };
    assert.deepEqual(body(dynamodb, 'Query', output), {
      Items: [
        { a: { S: 'x' }, n: { N: '1' }, m: { M: { t: { BOOL: true }, l: { L: [{ NULL: true }] } } } },
        { s: { S: 'y' }, b: { M: { deep: { L: [{ S: 'z' }, { B: 'aGk=' }] } } } },
        { bs: { BS: ['AQ==', 'Ag=='] } },
      ],
      Count: 3,
      ScannedCount: 3,
    });
    // The service's output is never changed by writing it.
    assert.ok(Buffer.isBuffer(output.Items[2]!.bs!.BS![0]));
    assert.equal(output.Unknown, 'left out');
  });

  it('splices JSON text held by a top-level member or list item into the answer as it is', () => {
    const stored = '{"pk":{"S":"a\\"b"},"n":{"N":"10"},"m":{"M":{"l":{"L":[{"NULL":true}]}}}}';
    const item = encodeResponse(
      dynamodb,
      'GetItem',
      { Item: new JsonText(stored), ConsumedCapacity: undefined },
      { requestId: 'r' },
    );
    assert.equal(item.body, `{"Item":${stored}}`);
    assert.equal(item.headers?.['x-amz-crc32'], String(crc32(String(item.body))));
    // Text and values mixed in one page (items with binary are written from values), members in their order.
    const page = encodeResponse(
      dynamodb,
      'Query',
      {
        Items: [new JsonText(stored), { b: { B: Buffer.from('hi') } }, new JsonText('{}')],
        Count: 3,
        ScannedCount: 3,
        LastEvaluatedKey: undefined,
        ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 },
      },
      { requestId: 'r' },
    );
    assert.equal(
      page.body,
      `{"Items":[${stored},{"b":{"B":"aGk="}},{}],"Count":3,"ScannedCount":3,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}`,
    );
    assert.deepEqual(JSON.parse(String(page.body)).Items[0], JSON.parse(stored));
  });

  it('leaves out null and unknown members after members written as they are, and writes null list items as null', () => {
    const output = {
      Item: { a: { S: 'x', N: null }, b: { S: 'y', Extra: 1 }, c: { SS: ['p', undefined, null] }, d: null },
    };
    assert.deepEqual(body(dynamodb, 'GetItem', output), {
      Item: { a: { S: 'x' }, b: { S: 'y' }, c: { SS: ['p', null, null] } },
    });
  });

  it('writes timestamps nested in plain objects in the shape format, and numbers from strings', () => {
    const created = new Date(1_700_000_000_000);
    const written = body(dynamodb, 'DescribeTable', {
      Table: { TableName: 't', CreationDateTime: created, ItemCount: '7' as unknown as number },
    });
    assert.deepEqual(written, { Table: { TableName: 't', CreationDateTime: 1_700_000_000, ItemCount: 7 } });
    const events = body(logs, 'GetLogEvents', {
      events: [{ timestamp: 1, message: 'm' }, undefined],
      nextForwardToken: 'f',
    });
    assert.deepEqual(events, { events: [{ timestamp: 1, message: 'm' }, null], nextForwardToken: 'f' });
  });
});
