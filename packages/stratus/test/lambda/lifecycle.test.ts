import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createFunction, eventually, invoke, logLines } from './support.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

describe('lambda lifecycle on the Stratus clock', () => {
  let stratus: Stratus;
  let lambda: LambdaClient;
  before(async () => {
    stratus = await startStratus();
    lambda = new LambdaClient(clientConfig(stratus));
  });
  after(() => stratus.stop());

  it('reclaims an idle environment after the idle time; the next invocation cold-starts', async () => {
    await createFunction(lambda, 'idle', 'let n = 0; exports.handler = async () => ++n;');
    assert.equal((await invoke(lambda, 'idle')).json, 1);
    assert.equal((await invoke(lambda, 'idle')).json, 2);
    stratus.clock.advance(stratus.lambda.idleTimeoutMs - 1000);
    assert.equal(stratus.lambda.environments(`${ARN}:idle`), 1);
    stratus.clock.advance(1000);
    await eventually(() => stratus.lambda.environments(`${ARN}:idle`) === 0 || undefined);
    assert.equal((await invoke(lambda, 'idle')).json, 1);
    const reports = (await logLines(stratus, 'idle')).filter((line) => line.startsWith('REPORT'));
    assert.deepEqual(
      reports.map((line) => line.includes('Init Duration')),
      [true, false, true],
    );
  });

  it('retries a failing Event invocation twice, one and then two minutes later', async () => {
    await createFunction(lambda, 'flaky', 'exports.handler = async () => { throw new Error("always"); };');
    const response = await invoke(lambda, 'flaky', { n: 1 }, { InvocationType: 'Event' });
    const requestId = response.$metadata.requestId!;
    const attempts = async () =>
      (await logLines(stratus, 'flaky').catch(() => [])).filter(
        (line) => line === `END RequestId: ${requestId}\n`,
      ).length;
    const attemptMade = (n: number) =>
      eventually(
        async () =>
          ((await attempts()) === n && stratus.lambda.queuedInvocations === (n < 3 ? 1 : 0)) || undefined,
      );
    await attemptMade(1);
    stratus.clock.advance(59_000);
    assert.equal(await attempts(), 1);
    stratus.clock.advance(1_000);
    await attemptMade(2);
    stratus.clock.advance(120_000);
    await attemptMade(3);
    stratus.clock.advance(3_600_000);
    assert.equal(await attempts(), 3);
    assert.equal(stratus.lambda.queuedInvocations, 0);
  });

  it('renews execution-role credentials before they expire by starting a fresh environment', async () => {
    stratus.lambda.idleTimeoutMs = 3 * 3_600_000;
    await createFunction(lambda, 'keys', 'exports.handler = async () => process.env.AWS_ACCESS_KEY_ID;');
    const first = (await invoke(lambda, 'keys')).json;
    stratus.clock.advance(30 * 60_000);
    assert.equal((await invoke(lambda, 'keys')).json, first);
    stratus.clock.advance(29 * 60_000);
    const renewed = (await invoke(lambda, 'keys')).json;
    assert.notEqual(renewed, first);
    assert.ok(stratus.lambda.credentials.find(renewed)!.expiration > stratus.clock.now());
  });
});
