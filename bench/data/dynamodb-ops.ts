import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { inParallel, type Operation, type OperationOptions, randomInt } from './operation.ts';

export const DYNAMODB_OPERATIONS = ['PutItem', 'GetItem', 'Query', 'BatchWriteItem'] as const;

/** Items read back by GetItem, and the partitions Query reads (each exactly one page). */
const GET_ITEMS = 1000;
const QUERY_PARTITIONS = 10;
const QUERY_PAGE = 100;
const BATCH = 25;

/** A ~250-byte item with the usual attribute types. */
export function item(pk: string, sk: string): Record<string, AttributeValue> {
  return {
    pk: { S: pk },
    sk: { S: sk },
    title: { S: `Item ${pk}/${sk}: a short text attribute of some length` },
    body: { S: 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor '.repeat(2) },
    count: { N: String(sk.length * 17) },
    done: { BOOL: false },
    tags: { SS: ['bench', 'data'] },
    meta: { M: { owner: { S: 'bench' }, version: { N: '1' } } },
  };
}

export function dynamodbOperation(name: string, options: OperationOptions): Operation {
  const clients = Array.from(
    { length: options.clients },
    () =>
      new DynamoDBClient({
        endpoint: options.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
        maxAttempts: 1,
      }),
  );
  const table = `bench-${name.toLowerCase()}`;
  const writeBatch = async (batch: Record<string, AttributeValue>[]) => {
    const output = await clients[0].send(
      new BatchWriteItemCommand({
        RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    if (Object.keys(output.UnprocessedItems ?? {}).length > 0) throw new Error('unprocessed items');
  };
  const seedAll = async (items: Record<string, AttributeValue>[]) => {
    await createTable(clients[0], table);
    await inParallel(batches(items), 8, writeBatch);
  };
  const counters = new Array<number>(options.clients).fill(0);

  switch (name) {
    case 'PutItem':
      return {
        name,
        setup: () => seedAll([]),
        async run(c) {
          const sk = `n${String(counters[c]++ % 10_000).padStart(5, '0')}`;
          await clients[c].send(new PutItemCommand({ TableName: table, Item: item(`c${c}`, sk) }));
        },
      };
    case 'GetItem':
      return {
        name,
        setup: () => seedAll(Array.from({ length: GET_ITEMS }, (_, i) => item(`p${i}`, 'x'))),
        async run(c) {
          const key = { pk: { S: `p${randomInt(GET_ITEMS)}` }, sk: { S: 'x' } };
          const output = await clients[c].send(new GetItemCommand({ TableName: table, Key: key }));
          if (!output.Item) throw new Error(`GetItem found no item ${key.pk.S}`);
        },
      };
    case 'Query':
      return {
        name,
        setup: () =>
          seedAll(
            Array.from({ length: QUERY_PARTITIONS * QUERY_PAGE }, (_, i) =>
              item(`q${i % QUERY_PARTITIONS}`, `s${String(i).padStart(5, '0')}`),
            ),
          ),
        async run(c) {
          const output = await clients[c].send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': { S: `q${randomInt(QUERY_PARTITIONS)}` } },
              Limit: QUERY_PAGE,
            }),
          );
          if (output.Count !== QUERY_PAGE) throw new Error(`Query returned ${output.Count} items`);
        },
      };
    case 'BatchWriteItem':
      return {
        name,
        setup: () => seedAll([]),
        async run(c) {
          const first = (counters[c]++ * BATCH) % 10_000;
          const batch = Array.from({ length: BATCH }, (_, i) => ({
            PutRequest: { Item: item(`c${c}`, `b${String(first + i).padStart(5, '0')}`) },
          }));
          const output = await clients[c].send(
            new BatchWriteItemCommand({ RequestItems: { [table]: batch } }),
          );
          if (Object.keys(output.UnprocessedItems ?? {}).length > 0) throw new Error('unprocessed items');
        },
      };
    default:
      throw new Error(`unknown DynamoDB operation ${name}: choose from ${DYNAMODB_OPERATIONS.join(', ')}`);
  }
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Creates the table (or reuses it: a second run against the same target) and waits until it is ACTIVE. */
export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  const created = client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await created.catch((error: Error) => {
    if (error.name !== 'ResourceInUseException') throw error;
  });
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${name} did not become ACTIVE`);
}
