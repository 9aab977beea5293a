// DynamoDB's frontend checks in its own order and words (as dynalite's suite, written against AWS, asserts):
// raw signed JSON requests, since the SDK would refuse some of these inputs before sending them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { send, sign } from '../support/sigv4.ts';
import { type DynamoTestbed, hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB validation order and messages', () => {
  let testbed: DynamoTestbed;
  let arn: string;

  before(async () => {
    testbed = await startDynamo([hashTable('ordered', 'pk')]);
    const { body } = await call('DescribeTable', { TableName: 'ordered' });
    arn = (body.Table as { TableArn: string }).TableArn;
  });
  after(() => testbed.stop());

  async function call(
    target: string,
    input: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const signed = await sign(testbed.stratus, {
      service: 'dynamodb',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${target}`,
      },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    const { status, text } = await send(testbed.stratus, signed);
    return { status, body: JSON.parse(text) };
  }

  async function refused(target: string, input: unknown, type: string, message: string | RegExp) {
    const { status, body } = await call(target, input);
    assert.equal(status, 400);
    assert.equal(body.__type, type);
    const text = String(body.message ?? body.Message);
    if (typeof message === 'string') assert.equal(text, message);
    else assert.match(text, message);
  }
  const VALIDATION = 'com.amazon.coral.validate#ValidationException';

  it('refuses a request without a body with a bare SerializationException (and takes `{}`)', async () => {
    assert.deepEqual(await call('ListTables', undefined), {
      status: 400,
      body: { __type: 'com.amazon.coral.service#SerializationException' },
    });
    assert.equal((await call('ListTables', {})).status, 200);
  });

  it('reports a missing or badly sized TableName of the control plane before other constraints', async () => {
    for (const target of [
      'DescribeTable',
      'DeleteTable',
      'DescribeTimeToLive',
      'UpdateTable',
      'CreateTable',
    ]) {
      await refused(
        target,
        {},
        VALIDATION,
        "The parameter 'TableName' is required but was not present in the request",
      );
      for (const name of ['', 'a;', 'a'.repeat(256)]) {
        await refused(
          target,
          { TableName: name },
          VALIDATION,
          'TableName must be at least 3 characters long and at most 255 characters long',
        );
      }
    }
    // The data plane lists it with the model's constraints.
    await refused(
      'GetItem',
      { TableName: 'ab', Key: { pk: { S: 'a' } } },
      VALIDATION,
      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it('checks a tagging ResourceArn first: missing, then an IAM-shaped refusal, then the other members', async () => {
    for (const target of ['TagResource', 'UntagResource', 'ListTagsOfResource']) {
      await refused(target, {}, VALIDATION, 'Invalid TableArn');
      for (const bad of ['', 'abcd', 'a:b:c:d:e:f', 'a:b:c:d:e/f']) {
        const resource = (bad || '*').replace(/[/*]/g, '\\$&');
        await refused(
          target,
          { ResourceArn: bad },
          'com.amazon.coral.service#AccessDeniedException',
          new RegExp(
            `^User: arn:aws:iam::\\d+:.+ is not authorized to perform: dynamodb:${target} on resource: ${resource}$`,
          ),
        );
      }
    }
    await refused(
      'TagResource',
      { ResourceArn: arn },
      VALIDATION,
      "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
    await refused(
      'UntagResource',
      { ResourceArn: arn },
      VALIDATION,
      "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    );
    const missing = arn.replace(/ordered$/, 'missing');
    await refused(
      'UntagResource',
      { ResourceArn: missing, TagKeys: ['a'] },
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      'Requested resource not found',
    );
    await refused(
      'ListTagsOfResource',
      { ResourceArn: missing },
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      `Requested resource not found: ResourcArn: ${missing} not found`,
    );
  });

  it('reads yes/no and 1/0 as booleans, as its frontend does', async () => {
    await refused(
      'GetItem',
      { TableName: 'ordered', Key: { pk: { NULL: 'no' } } },
      VALIDATION,
      'One or more parameter values were invalid: Null attribute value types must have the value of true',
    );
    const { status } = await call('GetItem', {
      TableName: 'ordered',
      Key: { pk: { S: 'a' } },
      ConsistentRead: 'YES',
    });
    assert.equal(status, 200);
  });

  it('refuses a mix of legacy and expression parameters before it looks at attribute values', async () => {
    await refused(
      'GetItem',
      { TableName: 'ordered', Key: { pk: {} }, AttributesToGet: ['a'], ProjectionExpression: 'a' },
      VALIDATION,
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
    await refused(
      'PutItem',
      { TableName: 'ordered', Item: { pk: {} }, ExpressionAttributeNames: {} },
      VALIDATION,
      'ExpressionAttributeNames can only be specified when using expressions',
    );
    await refused(
      'Query',
      {
        TableName: 'ordered',
        AttributesToGet: ['a'],
        QueryFilter: {},
        ConditionalOperator: 'OR',
        KeyConditions: {},
        KeyConditionExpression: 'a = b',
        FilterExpression: 'a = b',
        ProjectionExpression: 'a',
      },
      VALIDATION,
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}',
    );
    // KeyConditions without a KeyConditionExpression does not count as a mix.
    await refused(
      'Query',
      { TableName: 'ordered', KeyConditions: {}, FilterExpression: 'a = b', AttributesToGet: ['a'] },
      VALIDATION,
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {FilterExpression}',
    );
  });

  it('checks the item size before legacy conditions, and the start key before a missing key condition', async () => {
    await refused(
      'PutItem',
      {
        TableName: 'ordered',
        Item: { pk: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024) } },
        Expected: { a: {} },
      },
      VALIDATION,
      'Item size has exceeded the maximum allowed size',
    );
    await refused(
      'Query',
      { TableName: 'ordered', ExclusiveStartKey: { a: {} } },
      VALIDATION,
      'The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    );
  });

  it('validates a request before it throttles it', async () => {
    await call('CreateTable', {
      TableName: 'narrow',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    });
    // One 400 KB write spends more than the table's 300-unit burst.
    const big = { TableName: 'narrow', Item: { pk: { S: 'a' }, big: { S: 'x'.repeat(390 * 1024) } } };
    assert.equal((await call('PutItem', big)).status, 200);
    await refused(
      'PutItem',
      big,
      'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      /^The level of configured provisioned throughput for the table was exceeded/,
    );
    await refused(
      'PutItem',
      { TableName: 'narrow', Item: { pk: {} } },
      VALIDATION,
      'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    );
  });

  it('lists enum sets in the order DynamoDB prints them', async () => {
    await refused(
      'UpdateItem',
      { TableName: 'ordered', Key: { pk: { S: 'a' } }, ReturnValues: 'hi' },
      VALIDATION,
      "1 validation error detected: Value 'hi' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
    );
    await refused(
      'Scan',
      { TableName: 'ordered', Select: 'hi' },
      VALIDATION,
      "1 validation error detected: Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
    );
  });

  it('checks AttributeUpdates actions against their value types before the table', async () => {
    const update = (Action: string, Value: unknown) =>
      refused(
        'UpdateItem',
        { TableName: 'missing', Key: { pk: { S: 'a' } }, AttributeUpdates: { a: { Action, Value } } },
        VALIDATION,
        `One or more parameter values were invalid: ${Action} action${Action === 'DELETE' ? ' with value' : ''} is not supported for the type ${Object.keys(Value as object)[0]}`,
      );
    await update('DELETE', { S: '1' });
    await update('DELETE', { L: [] });
    await update('ADD', { B: 'Yg==' });
    await update('ADD', { M: {} });
  });

  it('refuses out-of-bounds throughput in UpdateTable before it looks the table up', async () => {
    await refused(
      'UpdateTable',
      {
        TableName: 'missing',
        ProvisionedThroughput: { ReadCapacityUnits: 1000000000001, WriteCapacityUnits: 1000000000001 },
      },
      VALIDATION,
      'Given value 1000000000001 for ReadCapacityUnits is out of bounds',
    );
  });

  it('refuses a KeyConditions operator that cannot use an index only after the table and start key', async () => {
    const query = { KeyConditions: { pk: { ComparisonOperator: 'NULL' } } };
    await refused(
      'Query',
      { TableName: 'missing', ...query },
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      'Requested resource not found',
    );
    await refused(
      'Query',
      { TableName: 'ordered', ...query },
      VALIDATION,
      'Attempted conditional constraint is not an indexable operation',
    );
  });

  it('answers an empty WriteRequest with the attribute-value wording', async () => {
    await refused(
      'BatchWriteItem',
      { RequestItems: { ordered: [{}] } },
      VALIDATION,
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  });
});
