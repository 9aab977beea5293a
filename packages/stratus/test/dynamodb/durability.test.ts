import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { Stratus } from '../../src/stratus.ts';
import { clientConfig, testCredentials } from '../support/stratus.ts';
import { firstShardRecords, hashTable } from './helpers.ts';

const STRATUS = fileURLToPath(new URL('../../src/stratus.ts', import.meta.url));

/** A Stratus in a child process on `dir`, killed with SIGKILL by the test. */
async function startChild(dir: string) {
  const script = `
    import { Stratus } from ${JSON.stringify(STRATUS)};
    const stratus = await Stratus.start({ dataDir: process.env.STRATUS_DIR, port: 0, httpsPort: false });
    console.log('endpoint ' + stratus.endpoint);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, STRATUS_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /endpoint (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', () => reject(new Error(`the child exited: ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('DynamoDB durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-dynamo-crash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write, and its stream record, across a kill -9', async () => {
    const child = await startChild(dir);
    const config = {
      endpoint: child.endpoint,
      region: 'us-east-1',
      credentials: testCredentials,
      maxAttempts: 1,
    };
    const client = new DynamoDBClient(config);
    try {
      await client.send(
        new CreateTableCommand({
          ...hashTable('ledger', 'id'),
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
      await client.send(
        new PutItemCommand({ TableName: 'ledger', Item: { id: { S: 'put' }, n: { N: '1' } } }),
      );
      await client.send(
        new UpdateItemCommand({
          TableName: 'ledger',
          Key: { id: { S: 'put' } },
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            ledger: Array.from({ length: 25 }, (_, i) => ({
              PutRequest: { Item: { id: { S: `batch-${i}` } } },
            })),
          },
        }),
      );
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: 'ledger', Item: { id: { S: 'transact' } } } }],
        }),
      );
    } finally {
      client.destroy();
      await child.kill();
    }

    const stratus = await Stratus.start({ dataDir: dir, port: 0, httpsPort: false });
    const reopened = new DynamoDBClient(clientConfig(stratus));
    const streams = new DynamoDBStreamsClient(clientConfig(stratus));
    try {
      const get = async (id: string) =>
        (await reopened.send(new GetItemCommand({ TableName: 'ledger', Key: { id: { S: id } } }))).Item;
      assert.equal((await get('put'))?.n.N, '2');
      assert.ok(await get('batch-24'));
      assert.ok(await get('transact'));
      const { Table } = (await stratus.call(stratus.dynamodb, 'DescribeTable', { TableName: 'ledger' })) as {
        Table: { LatestStreamArn: string };
      };
      const Records = await firstShardRecords(streams, Table.LatestStreamArn);
      assert.equal(
        Records?.length,
        28,
        'one record per acknowledged change: put, update, 25 batch puts, transaction',
      );
    } finally {
      reopened.destroy();
      streams.destroy();
      await stratus.stop();
    }
  });
});
