import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createFunction, eventually, invoke, logLines } from './support.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

/** Waits until the file `event.latch` exists, so a test decides when an invocation ends. */
const LATCHED = `const { existsSync } = require('node:fs');
exports.handler = async (event) => {
  while (event.latch && !existsSync(event.latch)) await new Promise((r) => setTimeout(r, 5));
  return 'released';
};`;

describe('lambda concurrency', () => {
  let stratus: Stratus;
  let small: Stratus;
  let lambda: LambdaClient;
  let dir: string;
  before(async () => {
    stratus = await startStratus();
    small = await startStratus({ accountConcurrency: 1 });
    lambda = new LambdaClient(clientConfig(stratus));
    dir = mkdtempSync(join(tmpdir(), 'stratus-latch-'));
  });
  after(async () => {
    await Promise.all([stratus.stop(), small.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a latched invocation and waits until it holds its concurrency slot. */
  async function hold(client: LambdaClient, target: Stratus, name: string, latch: string) {
    const running = invoke(client, name, { latch });
    await eventually(() => target.lambda.environments(`${ARN}:${name}`) === 1 || undefined);
    return { running };
  }

  it('throttles a second concurrent invocation at reserved concurrency 1 with 429', async () => {
    await createFunction(lambda, 'single', LATCHED);
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'single', ReservedConcurrentExecutions: 1 }),
    );
    const latch = join(dir, 'single');
    const { running: first } = await hold(lambda, stratus, 'single', latch);
    await assert.rejects(invoke(lambda, 'single'), (error: any) => {
      assert.equal(error.name, 'TooManyRequestsException');
      assert.equal(error.$metadata.httpStatusCode, 429);
      assert.equal(error.message, 'Rate Exceeded.');
      assert.equal(error.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
      return true;
    });
    writeFileSync(latch, '');
    assert.equal((await first).json, 'released');
    assert.equal((await invoke(lambda, 'single')).json, 'released');
  });

  it('throttles every invocation at reserved concurrency 0', async () => {
    await createFunction(lambda, 'disabled', LATCHED);
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'disabled', ReservedConcurrentExecutions: 0 }),
    );
    await assert.rejects(invoke(lambda, 'disabled'), { name: 'TooManyRequestsException' });
  });

  it('queues a throttled Event invocation and runs it once concurrency frees up', async () => {
    await createFunction(lambda, 'queued', LATCHED);
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'queued', ReservedConcurrentExecutions: 1 }),
    );
    const latch = join(dir, 'queued');
    const { running: first } = await hold(lambda, stratus, 'queued', latch);
    const event = await invoke(lambda, 'queued', { latch }, { InvocationType: 'Event' });
    assert.equal(event.StatusCode, 202);
    writeFileSync(latch, '');
    await first;
    await eventually(async () => {
      const lines = await logLines(stratus, 'queued');
      return (
        lines.some((line) => line.startsWith(`END RequestId: ${event.$metadata.requestId}`)) || undefined
      );
    });
  });

  it('throttles at the account limit with ConcurrentInvocationLimitExceeded', async () => {
    const client = new LambdaClient(clientConfig(small));
    await createFunction(client, 'first', LATCHED);
    await createFunction(client, 'second', LATCHED);
    const latch = join(dir, 'account');
    const { running } = await hold(client, small, 'first', latch);
    await assert.rejects(invoke(client, 'second'), (error: any) => {
      assert.equal(error.name, 'TooManyRequestsException');
      assert.equal(error.Reason, 'ConcurrentInvocationLimitExceeded');
      return true;
    });
    writeFileSync(latch, '');
    await running;
    assert.equal((await invoke(client, 'second')).json, 'released');
  });
});
