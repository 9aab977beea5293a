import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

/** An instance for one test file with a low-level and a document DynamoDB client. */
export interface DynamoTestbed {
  readonly stratus: Stratus;
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** Destroys the clients and stops the instance; call it in `after`. */
  stop(): Promise<void>;
}

/** Starts an instance, makes its clients and creates `tables` in order. */
export async function startDynamo(tables: readonly CreateTableCommandInput[] = []): Promise<DynamoTestbed> {
  const stratus = await startStratus();
  const client = new DynamoDBClient(clientConfig(stratus));
  const doc = DynamoDBDocumentClient.from(client);
  for (const table of tables) await client.send(new CreateTableCommand(table));
  return {
    stratus,
    client,
    doc,
    async stop() {
      client.destroy();
      await stratus.stop();
    },
  };
}

/** An on-demand table keyed by one string partition key. */
export function hashTable(name: string, key: string): CreateTableCommandInput {
  return {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/**
 * An on-demand table of string attributes a, b, c, d keyed by (a, b), with a local index on (a, c)
 * and a global index whose key and projection the caller gives.
 */
export function indexedTable(
  name: string,
  local: string,
  global: { name: string; keys: readonly string[]; projection: 'ALL' | 'KEYS_ONLY' },
): CreateTableCommandInput {
  const keySchema = (hash: string, range?: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    AttributeDefinitions: ['a', 'b', 'c', 'd'].map((n) => ({
      AttributeName: n,
      AttributeType: 'S' as const,
    })),
    KeySchema: keySchema('a', 'b'),
    BillingMode: 'PAY_PER_REQUEST',
    LocalSecondaryIndexes: [
      { IndexName: local, KeySchema: keySchema('a', 'c'), Projection: { ProjectionType: 'ALL' } },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: global.name,
        KeySchema: keySchema(global.keys[0]!, global.keys[1]),
        Projection: { ProjectionType: global.projection },
      },
    ],
  };
}

/**
 * Moves Stratus time forward and tells the clients, so their signatures stay inside the SigV4
 * skew window (the SDK would otherwise learn the offset only from a refused request).
 */
export function advanceClock(
  stratus: Stratus,
  ms: number,
  ...clients: { config: { systemClockOffset?: number } }[]
): void {
  stratus.clock.advance(ms);
  for (const client of clients) client.config.systemClockOffset = stratus.clock.offsetMs;
}

/** Every record of a stream's first shard, from its trim horizon (one GetRecords: tests write few). */
export async function firstShardRecords(
  streams: DynamoDBStreamsClient,
  streamArn: string,
): Promise<_Record[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: streamArn,
      ShardId: StreamDescription!.Shards![0]!.ShardId!,
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
  return Records ?? [];
}
