import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB expressions', () => {
  let client: DynamoDBClient;
  let stop: () => Promise<void>;

  before(async () => {
    ({ client, stop } = await startDynamo([hashTable('exprs', 'id')]));
  });
  after(() => stop());

  const update = (UpdateExpression: string, extra: Record<string, any> = {}) =>
    client.send(
      new UpdateItemCommand({ TableName: 'exprs', Key: { id: { S: 'x' } }, UpdateExpression, ...extra }),
    );
  const refused = (promise: Promise<unknown>, message: string) =>
    assert.rejects(promise, { name: 'ValidationException', message });

  it('reports syntax errors with the token and its neighbours', async () => {
    await refused(
      update('INVALID SYNTAX HERE'),
      'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"',
    );
    await refused(
      client.send(new ScanCommand({ TableName: 'exprs', FilterExpression: 'a-b' })),
      'Invalid FilterExpression: Syntax error; token: "-", near: "a-b"',
    );
    await refused(
      client.send(new ScanCommand({ TableName: 'exprs', ProjectionExpression: '!!' })),
      'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"',
    );
    await refused(update(''), 'Invalid UpdateExpression: The expression can not be empty;');
  });

  it('reports placeholders, reserved words and functions as AWS does', async () => {
    await refused(
      update('SET a = :v'),
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v',
    );
    await refused(
      update('SET #a = :v', { ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a',
    );
    await refused(
      update('SET a = :v', { ExpressionAttributeValues: { ':v': { S: 'x' }, ':w': { S: 'y' } } }),
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
    );
    await refused(
      update('SET #a = :v', {
        ExpressionAttributeNames: { '#a': 'a', '#b': 'b' },
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      }),
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}',
    );
    await refused(
      update('SET #a = :v', {
        ExpressionAttributeNames: { a: 'a' },
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      }),
      'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"',
    );
    await refused(
      update('SET name = :v', { ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name',
    );
    await refused(update('SET a = foo(b)'), 'Invalid UpdateExpression: Invalid function name; function: foo');
    await refused(
      update('SET a = :v SET b = :v', { ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    await refused(
      update('SET a = a + :v', { ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
    );
    await refused(
      update('ADD a :v', { ExpressionAttributeValues: { ':v': { S: 'x' } } }),
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
    );
    await refused(
      client.send(
        new PutItemCommand({
          TableName: 'exprs',
          Item: { id: { S: 'x' } },
          ConditionExpression: 'size(a)',
        }),
      ),
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size',
    );
    await refused(
      client.send(
        new PutItemCommand({
          TableName: 'exprs',
          Item: { id: { S: 'x' } },
          ConditionExpression: '((a = a))',
        }),
      ),
      'Invalid ConditionExpression: The expression has redundant parentheses;',
    );
  });

  it('evaluates every comparator and function in filters', async () => {
    await client.send(
      new PutItemCommand({
        TableName: 'exprs',
        Item: {
          id: { S: 'f' },
          s: { S: 'hello' },
          n: { N: '5' },
          l: { L: [{ S: 'a' }, { N: '1' }] },
          ss: { SS: ['x', 'y'] },
          m: { M: { deep: { S: 'v' } } },
        },
      }),
    );
    const match = async (FilterExpression: string, values?: Record<string, any>) => {
      const { Count } = await client.send(
        new ScanCommand({
          TableName: 'exprs',
          FilterExpression: `id = :id AND (${FilterExpression})`,
          ExpressionAttributeValues: { ':id': { S: 'f' }, ...values },
        }),
      );
      return Count === 1;
    };
    assert.equal(await match('begins_with(s, :h)', { ':h': { S: 'he' } }), true);
    assert.equal(await match('contains(s, :h)', { ':h': { S: 'ell' } }), true);
    assert.equal(await match('contains(ss, :h)', { ':h': { S: 'y' } }), true);
    assert.equal(await match('contains(l, :h)', { ':h': { N: '1' } }), true);
    assert.equal(await match('size(l) = :two', { ':two': { N: '2' } }), true);
    assert.equal(await match('size(s) > :two', { ':two': { N: '2' } }), true);
    assert.equal(await match('attribute_type(m, :t)', { ':t': { S: 'M' } }), true);
    assert.equal(await match('m.deep = :v', { ':v': { S: 'v' } }), true);
    assert.equal(await match('l[0] = :v', { ':v': { S: 'a' } }), true);
    assert.equal(await match('attribute_exists(m.nope)'), false);
    assert.equal(await match('NOT attribute_exists(m.nope)'), true);
    assert.equal(await match('n BETWEEN :a AND :b', { ':a': { N: '5' }, ':b': { N: '10' } }), true);
    assert.equal(await match('n IN (:a, :b)', { ':a': { N: '4' }, ':b': { N: '5.0' } }), true);
    assert.equal(await match('n <> :a', { ':a': { N: '5' } }), false);
    assert.equal(await match('nope <> :a', { ':a': { N: '5' } }), true);
    assert.equal(await match('s < :a OR n >= :b', { ':a': { S: 'a' }, ':b': { N: '5' } }), true);
    assert.equal(await match('s < :a', { ':a': { N: '5' } }), false);
  });

  it('never fails with a server error on random or mutated expressions', async () => {
    const seeds = [
      'a = :v AND (b < :v OR NOT c BETWEEN :v AND :v)',
      'begins_with(#n, :v) AND size(a.b[1]) > :v',
      'SET a = list_append(if_not_exists(a, :v), :v) REMOVE b[2] ADD c :v DELETE d :v',
      'a IN (:v, :v) AND contains(a, :v)',
    ];
    const alphabet = [
      '(',
      ')',
      '[',
      ']',
      ',',
      '.',
      '=',
      '<',
      '>',
      ' ',
      'AND',
      'OR',
      ':v',
      '#n',
      'a',
      '1',
      'SET',
      '+',
      '-',
    ];
    let state = 42;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    for (let round = 0; round < 60; round++) {
      let text = seeds[random(seeds.length)];
      for (let edits = random(4) + 1; edits > 0; edits--) {
        const at = random(text.length + 1);
        text = random(2)
          ? text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at)
          : text.slice(0, at) + text.slice(at + random(5) + 1);
      }
      const values = text.includes(':v') ? { ':v': { N: '1' } } : undefined;
      const names = text.includes('#n') ? { '#n': 'n' } : undefined;
      for (const send of [
        () => update(text, { ExpressionAttributeValues: values, ExpressionAttributeNames: names }),
        () =>
          client.send(
            new ScanCommand({
              TableName: 'exprs',
              FilterExpression: text,
              ExpressionAttributeValues: values,
              ExpressionAttributeNames: names,
            }),
          ),
      ]) {
        try {
          await send();
        } catch (error) {
          const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          assert.ok(status !== undefined && status < 500, `${text}: ${String(error)}`);
        }
      }
    }
  });
});
