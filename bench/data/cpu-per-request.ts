// CPU time per DynamoDB request with Stratus and a replaying client in one process: the A/B tool for changes to the
// request path on a shared, noisy machine, where ops/s and a separate process's CPU move with other people's work.
// Usage: node bench/data/cpu-per-request.ts [--root <tree>] [--requests 3000] [--in-flight 8]
//   [--operations PutItem,GetItem] (default: all four)
// --root runs Stratus from another checkout (e.g. `git archive <base> | tar -x -C /tmp/base`, with node_modules
// linked): run both trees alternately, a few times each, and compare. Each request is signed once by the AWS SDK
// and replayed over keep-alive HTTP; the figure is the process's user+system CPU per answered request, so it
// includes the (small, identical) client side.
import http from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { REPO_DIR } from '../targets/target.ts';
import { createTable, item } from './dynamodb-ops.ts';
import { replay as replayRequest, requestSigner, type SignedRequest } from './replay.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: REPO_DIR },
    requests: { type: 'string', default: '3000' },
    'in-flight': { type: 'string', default: '8' },
    operations: { type: 'string', default: 'PutItem,GetItem,Query,BatchWriteItem' },
  },
});
const requests = Number(values.requests);
const inFlight = Number(values['in-flight']);
const { Stratus } = await import(resolve(values.root, 'packages/stratus/src/stratus.ts'));
const stratus = await Stratus.start({ port: 0, httpsPort: false, ephemeral: true });
const endpoint: string = stratus.endpoint;
const config = {
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const TABLE = 'bench-cpu';

/** The request the SDK sends for `call` (signed; Stratus accepts it again within the 15-minute skew window). */
async function capture(call: (client: DynamoDBClient) => Promise<unknown>): Promise<SignedRequest> {
  const client = new DynamoDBClient(config);
  const signed = await requestSigner(client)(() => call(client));
  client.destroy();
  return signed;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
const url = new URL(endpoint);

async function send(request: SignedRequest): Promise<void> {
  const { status } = await replayRequest(url, agent, request);
  if (status !== 200) throw new Error(`answered ${status}`);
}

async function replay(request: SignedRequest, count: number): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent++ < count) await send(request);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

try {
  const client = new DynamoDBClient(config);
  await createTable(client, TABLE);
  const puts = (pk: string, from: number) =>
    Array.from({ length: 25 }, (_, i) => ({
      PutRequest: { Item: item(pk, `s${String(from + i).padStart(3, '0')}`) },
    }));
  for (let from = 0; from < 100; from += 25)
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: puts('q', from) } }));
  client.destroy();
  const operations = {
    PutItem: (c: DynamoDBClient) => c.send(new PutItemCommand({ TableName: TABLE, Item: item('p', 'x') })),
    GetItem: (c: DynamoDBClient) =>
      c.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'q' }, sk: { S: 's001' } } })),
    Query: (c: DynamoDBClient) =>
      c.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'q' } },
          Limit: 100,
        }),
      ),
    BatchWriteItem: (c: DynamoDBClient) =>
      c.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: puts('b', 0) } })),
  };
  const results: string[] = [];
  const chosen = values.operations.split(',');
  for (const [name, call] of Object.entries(operations)) {
    if (!chosen.includes(name)) continue;
    const request = await capture(call);
    // Pages and batches cost several times a single item: fewer of them.
    const count = name === 'Query' || name === 'BatchWriteItem' ? Math.ceil(requests / 4) : requests;
    await replay(request, Math.ceil(count / 5));
    const before = process.cpuUsage();
    await replay(request, count);
    const used = process.cpuUsage(before);
    results.push(`${name} ${((used.user + used.system) / count / 1000).toFixed(3)} ms`);
  }
  console.log(`${values.root}: CPU per request (Stratus and client, one process): ${results.join(', ')}`);
} finally {
  agent.destroy();
  await stratus.stop();
}
