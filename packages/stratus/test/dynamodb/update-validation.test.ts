import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { indexedTable, startDynamo } from './helpers.ts';

// UpdateItem's words and first-error choice, as recorded against AWS (dynalite's suite).
describe('DynamoDB UpdateItem validation', () => {
  let testbed: Awaited<ReturnType<typeof startDynamo>>;
  const S = (s: string): AttributeValue => ({ S: s });
  const key = { a: S('k'), b: S('k') };

  before(async () => {
    testbed = await startDynamo([
      indexedTable('indexed', 'byC', { name: 'byD', keys: ['d'], projection: 'ALL' }),
    ]);
  });
  after(() => testbed.stop());

  const update = (input: Partial<UpdateItemCommandInput>) =>
    testbed.client.send(new UpdateItemCommand({ TableName: 'indexed', Key: key, ...input }));
  const refused = (input: Partial<UpdateItemCommandInput>, message: string | RegExp) =>
    assert.rejects(update(input), { name: 'ValidationException', message });

  it('refuses a clause keyword as an attribute name with a syntax error', async () => {
    await refused({ UpdateExpression: 'set a=set' }, /^Invalid UpdateExpression: Syntax error; /);
  });

  it('reports the first of several mistakes in the order AWS checks them', async () => {
    await refused(
      {
        UpdateExpression: ' set #c = :c set abOrt = :c ',
        ExpressionAttributeNames: { '#c': 'c' },
        ExpressionAttributeValues: { ':c': S('c') },
      },
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt',
    );
    await refused(
      { UpdateExpression: 'set e = #c set f = :d', ExpressionAttributeValues: { ':a': S('a') } },
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    await refused(
      {
        UpdateExpression: 'set e = list_append(:a, e), f = if_not_exists(e) add g.h :a',
        ExpressionAttributeValues: { ':a': S('a') },
      },
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
    );
    await refused(
      {
        UpdateExpression: 'set d[1] = e, d.b = e, c[1].a = e, #c = if_not_exists(e)',
        ExpressionAttributeNames: { '#c': 'c' },
      },
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]',
    );
  });

  it('refuses an index key given another type before reading the item, and paths inside key attributes', async () => {
    await refused(
      { UpdateExpression: 'set e = c[1], c = e + :n', ExpressionAttributeValues: { ':n': { N: '1' } } },
      'One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: byC',
    );
    await refused(
      { UpdateExpression: 'set e = list_append(f, g), h = d[1]' },
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: d",
    );
  });

  it('lets a new item’s update read its key, and refuses an index key the item’s data mistypes', async () => {
    const made = await update({
      UpdateExpression: 'set c = a, e = :n',
      ExpressionAttributeValues: { ':n': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    });
    assert.deepEqual(made.Attributes, { c: S('k'), e: { N: '1' } });
    await refused(
      { UpdateExpression: 'set d = e' },
      'The update expression attempted to update the secondary index key to unsupported type',
    );
  });

  it('refuses REMOVE and DELETE below a missing or mistyped parent, as SET', async () => {
    const other = { a: S('p'), b: S('p') };
    await testbed.client.send(
      new UpdateItemCommand({
        TableName: 'indexed',
        Key: other,
        UpdateExpression: 'set s = :s, m = :m',
        ExpressionAttributeValues: { ':s': S('x'), ':m': { M: { k: S('v') } } },
      }),
    );
    const invalid = 'The document path provided in the update expression is invalid for update';
    for (const UpdateExpression of ['remove s.x', 'remove y.x', 'remove m[1]', 'delete y.x :ss']) {
      await assert.rejects(
        testbed.client.send(
          new UpdateItemCommand({
            TableName: 'indexed',
            Key: other,
            UpdateExpression,
            ExpressionAttributeValues: UpdateExpression.includes(':ss')
              ? { ':ss': { SS: ['a'] } }
              : undefined,
          }),
        ),
        { name: 'ValidationException', message: invalid },
        UpdateExpression,
      );
    }
    // A missing leaf under a map is fine.
    await testbed.client.send(
      new UpdateItemCommand({ TableName: 'indexed', Key: other, UpdateExpression: 'remove m.x' }),
    );
  });

  it('words a wrong ADD/DELETE type in AttributeUpdates as the legacy API does', async () => {
    await update({ AttributeUpdates: { s: { Value: { SS: ['1'] } } } });
    await refused(
      { AttributeUpdates: { s: { Action: 'DELETE', Value: { NS: ['1'] } } } },
      'Type mismatch for attribute to update',
    );
    await refused(
      { UpdateExpression: 'delete s :n', ExpressionAttributeValues: { ':n': { NS: ['1'] } } },
      'An operand in the update expression has an incorrect data type',
    );
  });
});
