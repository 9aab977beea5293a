import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamo } from './helpers.ts';

describe('DynamoDB legacy parameters', () => {
  let client: DynamoDBClient;
  let stop: () => Promise<void>;

  before(async () => {
    ({ client, stop } = await startDynamo([
      {
        TableName: 'legacy',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ]));
    for (const sk of [1, 2, 3, 4]) {
      await client.send(
        new PutItemCommand({
          TableName: 'legacy',
          Item: {
            pk: { S: 'p' },
            sk: { N: String(sk) },
            color: { S: sk % 2 ? 'red' : 'blue' },
            n: { N: '1' },
          },
        }),
      );
    }
  });
  after(() => stop());

  it('applies Expected (Exists, Value, ComparisonOperator) as a condition', async () => {
    const put = (expected: Record<string, unknown>) =>
      client.send(
        new PutItemCommand({
          TableName: 'legacy',
          Item: { pk: { S: 'p' }, sk: { N: '1' }, color: { S: 'green' } },
          Expected: expected as never,
        }),
      );
    await assert.rejects(put({ pk: { Exists: false } }), { name: 'ConditionalCheckFailedException' });
    await put({ color: { Value: { S: 'red' } } });
    await put({ color: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'gr' }] } });
    await assert.rejects(put({ color: { ComparisonOperator: 'EQ', AttributeValueList: [] } }), {
      name: 'ValidationException',
      message:
        'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
    });
    await assert.rejects(put({ color: { Exists: false, Value: { S: 'x' } } }), {
      message:
        'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: color',
    });
  });

  it('queries with KeyConditions, QueryFilter and AttributesToGet; scans with ScanFilter', async () => {
    const { Items } = await client.send(
      new QueryCommand({
        TableName: 'legacy',
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
          sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '2' }, { N: '4' }] },
        },
        QueryFilter: { color: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'blue' }] } },
        AttributesToGet: ['sk'],
      }),
    );
    assert.deepEqual(Items, [{ sk: { N: '2' } }, { sk: { N: '4' } }]);
    const scanned = await client.send(
      new ScanCommand({
        TableName: 'legacy',
        ScanFilter: {
          sk: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '3' }, { N: '4' }] },
          color: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'red' }] },
        },
        ConditionalOperator: 'OR',
      }),
    );
    assert.deepEqual(scanned.Items?.map((i) => i.sk.N).sort(), ['3', '4'], 'OR joins the conditions');
  });

  it('projects with a ProjectionExpression beside the legacy KeyConditions, as AWS allows', async () => {
    const { Items } = await client.send(
      new QueryCommand({
        TableName: 'legacy',
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
          sk: { ComparisonOperator: 'LE', AttributeValueList: [{ N: '2' }] },
        },
        ProjectionExpression: 'sk, color',
      }),
    );
    assert.deepEqual(
      Items?.map((item) => Object.keys(item).sort()),
      [
        ['color', 'sk'],
        ['color', 'sk'],
      ],
    );
  });

  it('updates with AttributeUpdates (PUT, ADD, DELETE)', async () => {
    await client.send(
      new UpdateItemCommand({
        TableName: 'legacy',
        Key: { pk: { S: 'p' }, sk: { N: '2' } },
        AttributeUpdates: {
          label: { Action: 'PUT', Value: { S: 'hello' } },
          n: { Action: 'ADD', Value: { N: '5' } },
          color: { Action: 'DELETE' },
        },
      }),
    );
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'legacy', Key: { pk: { S: 'p' }, sk: { N: '2' } } }),
    );
    assert.deepEqual(Item, { pk: { S: 'p' }, sk: { N: '2' }, label: { S: 'hello' }, n: { N: '6' } });
  });

  it('prefixes problems in an ExclusiveStartKey as AWS does', async () => {
    await assert.rejects(
      client.send(
        new QueryCommand({
          TableName: 'legacy',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' } },
          ExclusiveStartKey: { pk: {} as never, sk: { N: '1' } },
        }),
      ),
      {
        message:
          'The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
      },
    );
  });
});
