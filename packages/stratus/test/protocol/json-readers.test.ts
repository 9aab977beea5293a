import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../src/protocol/errors.ts';
import { decodeRequest } from '../../src/protocol/index.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { request } from './wire-server.ts';

const dynamodb = loadModel('dynamodb');

function decode(operation: string, body: unknown): unknown {
  try {
    return decodeRequest(
      dynamodb,
      request({
        headers: {
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          'content-type': 'application/x-amz-json-1.0',
        },
        body: JSON.stringify(body),
      }),
    ).input;
  } catch (e) {
    return e instanceof AwsError ? `${e.status} ${e.code}: ${e.message}` : `crash: ${e}`;
  }
}

/** A value nested `levels` lists deep. */
function nested(levels: number): unknown {
  let value: unknown = { S: 'x' };
  for (let i = 0; i < levels; i++) value = { L: [value] };
  return value;
}

describe('json input readers', () => {
  it('reads recursive values into plain values, binary to Buffers, nulls left out', () => {
    const input = decode('PutItem', {
      TableName: 'table',
      Item: { a: { M: { b: { L: [{ B: 'aGk=' }, null, { N: '1' }] } } }, n: null, s: { S: 'x', N: null } },
    }) as { Item: Record<string, unknown> };
    assert.deepEqual(input.Item, {
      a: { M: { b: { L: [{ B: Buffer.from('hi') }, { N: '1' }] } } },
      s: { S: 'x' },
    });
  });

  it('keeps what reads as itself and drops or converts the rest, wherever it sits after such members', () => {
    // Each container has members that read as themselves before (and after) one that does not.
    const input = decode('Query', {
      TableName: 'table',
      Limit: 5,
      Unknown: 'dropped',
      ScanIndexForward: 'false',
      ExclusiveStartKey: {
        a: { S: 'x' },
        b: { M: { c: { S: 'y' }, d: { B: 'aGk=' }, e: { BOOL: true } } },
        f: { L: [{ S: 'z' }, null, { NULL: true }, { N: '1', Extra: 2 }] },
        g: { SS: ['p', null, 'q'] },
        h: null,
        i: { S: 'last' },
      },
    });
    assert.deepEqual(input, {
      TableName: 'table',
      Limit: 5,
      ScanIndexForward: false,
      ExclusiveStartKey: {
        a: { S: 'x' },
        b: { M: { c: { S: 'y' }, d: { B: Buffer.from('hi') }, e: { BOOL: true } } },
        f: { L: [{ S: 'z' }, { NULL: true }, { N: '1' }] },
        g: { SS: ['p', 'q'] },
        i: { S: 'last' },
      },
    });
    // Keys in the order sent, a `__proto__` attribute kept as an attribute.
    const item = (
      decode(
        'PutItem',
        JSON.parse('{"TableName":"table","Item":{"z":{"S":"1"},"__proto__":{"S":"2"},"a":{"B":"aGk="}}}'),
      ) as {
        Item: Record<string, unknown>;
      }
    ).Item;
    assert.deepEqual(Object.keys(item), ['z', '__proto__', 'a']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(item, '__proto__')?.value, { S: '2' });
    assert.equal(Object.getPrototypeOf(item), Object.prototype);
  });

  it('refuses input nested deeper than Coral reads, whatever the path', () => {
    assert.equal(typeof decode('PutItem', { TableName: 'table', Item: { a: nested(20) } }), 'object');
    assert.equal(
      decode('PutItem', { TableName: 'table', Item: { a: nested(40) } }),
      '400 SerializationException: Nesting levels have exceeded supported limits',
    );
  });

  it('words a wrong type by where it sits: a member, a list item or a map value', () => {
    assert.equal(
      decode('PutItem', { TableName: 'table', Item: { a: 'text' } }),
      '400 SerializationException: Unexpected value type in payload',
    );
    assert.equal(
      decode('PutItem', { TableName: 'table', Item: 'text' }),
      '400 SerializationException: Unexpected field type',
    );
    assert.equal(
      decode('PutItem', { TableName: 'table', Item: { a: { L: ['text'] } } }),
      '400 SerializationException: Unexpected value type in payload',
    );
    assert.equal(
      decode('PutItem', { TableName: 'table', Item: { a: { SS: [1] } } }),
      '400 SerializationException: NUMBER_VALUE cannot be converted to String',
    );
  });
});
