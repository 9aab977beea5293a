import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactGetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Stratus } from '../../src/stratus.ts';
import { hashTable, startDynamo } from './helpers.ts';

describe('DynamoDB transactions', () => {
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let stratus: Stratus;
  let stop: () => Promise<void>;

  before(async () => {
    ({ client, doc, stratus, stop } = await startDynamo([
      hashTable('accounts', 'id'),
      hashTable('ledger', 'id'),
    ]));
  });
  after(() => stop());

  const get = async (table: string, id: string) =>
    (await doc.send(new GetCommand({ TableName: table, Key: { id } }))).Item;

  it('puts, updates, deletes and checks across tables together', async () => {
    await doc.send(new PutCommand({ TableName: 'accounts', Item: { id: 'alice', balance: 100 } }));
    await doc.send(new PutCommand({ TableName: 'ledger', Item: { id: 'stale' } }));
    const out = await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'accounts',
              Key: { id: 'alice' },
              UpdateExpression: 'SET balance = balance - :amount',
              ConditionExpression: 'balance >= :amount',
              ExpressionAttributeValues: { ':amount': 30 },
            },
          },
          { Put: { TableName: 'ledger', Item: { id: 't1', amount: 30 } } },
          { Delete: { TableName: 'ledger', Key: { id: 'stale' } } },
          {
            ConditionCheck: {
              TableName: 'accounts',
              Key: { id: 'bob' },
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.equal(out.ConsumedCapacity?.length, 2);
    assert.equal((await get('accounts', 'alice'))?.balance, 70);
    assert.deepEqual(await get('ledger', 't1'), { id: 't1', amount: 30 });
    assert.equal(await get('ledger', 'stale'), undefined);
  });

  it('cancels everything when one condition fails, with reasons in order', async () => {
    const failed = await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'ledger', Item: { id: 't2', amount: 500 } } },
            {
              Update: {
                TableName: 'accounts',
                Key: { id: 'alice' },
                UpdateExpression: 'SET balance = balance - :amount',
                ConditionExpression: 'balance >= :amount',
                ExpressionAttributeValues: { ':amount': 500 },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      )
      .then(
        () => assert.fail('the transaction should be cancelled'),
        (error: unknown) => error,
      );
    assert.ok(failed instanceof TransactionCanceledException);
    assert.equal(
      failed.message,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
    );
    assert.deepEqual(failed.CancellationReasons, [
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { id: { S: 'alice' }, balance: { N: '70' } },
      },
    ]);
    assert.equal(await get('ledger', 't2'), undefined, 'the put was rolled back');
    assert.equal((await get('accounts', 'alice'))?.balance, 70);
  });

  it('refuses two actions on one item', async () => {
    await assert.rejects(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'ledger', Item: { id: 'twice' } } },
            { Delete: { TableName: 'ledger', Key: { id: 'twice' } } },
          ],
        }),
      ),
      {
        name: 'ValidationException',
        message: 'Transaction request cannot include multiple operations on one item',
      },
    );
  });

  it('honours a ClientRequestToken for ten minutes of Stratus time', async () => {
    const request = (amount: number) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: 'token-1',
        TransactItems: [
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'alice' } },
              UpdateExpression: 'ADD balance :amount',
              ExpressionAttributeValues: { ':amount': { N: String(amount) } },
            },
          },
        ],
      });
    await client.send(request(1));
    await client.send(request(1));
    assert.equal((await get('accounts', 'alice'))?.balance, 71, 'the retry did not apply twice');
    await assert.rejects(client.send(request(2)), {
      name: 'IdempotentParameterMismatchException',
      message: 'Request parameters do not match the idempotency token',
    });
    stratus.clock.advance(10 * 60 * 1000 + 1);
    await client.send(request(1));
    assert.equal((await get('accounts', 'alice'))?.balance, 72, 'an expired token is a new request');
  });

  it('reads items from several tables at once with projections', async () => {
    const out = await doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: 'accounts', Key: { id: 'alice' }, ProjectionExpression: 'balance' } },
          { Get: { TableName: 'ledger', Key: { id: 'missing' } } },
          { Get: { TableName: 'ledger', Key: { id: 't1' } } },
        ],
      }),
    );
    assert.deepEqual(out.Responses, [{ Item: { balance: 72 } }, {}, { Item: { id: 't1', amount: 30 } }]);
  });

  it('refuses more than 100 actions', async () => {
    const puts = Array.from({ length: 101 }, (_, i) => ({
      Put: { TableName: 'ledger', Item: { id: `p${i}` } },
    }));
    await assert.rejects(doc.send(new TransactWriteCommand({ TransactItems: puts })), {
      name: 'ValidationException',
    });
  });
});
