import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

/** Instances own their state: two in one process share nothing (tests rely on it). */
describe('two instances in one process', () => {
  let one: Stratus;
  let two: Stratus;
  before(async () => {
    [one, two] = await Promise.all([startStratus({ httpsPort: false }), startStratus({ httpsPort: false })]);
  });
  after(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });

  it('keeps state and clocks apart', async () => {
    await new SSMClient(clientConfig(one)).send(
      new PutParameterCommand({ Name: '/only/one', Value: 'v', Type: 'String' }),
    );
    const seen = await new SSMClient(clientConfig(one)).send(new GetParameterCommand({ Name: '/only/one' }));
    assert.equal(seen.Parameter?.Value, 'v');
    await assert.rejects(
      new SSMClient(clientConfig(two)).send(new GetParameterCommand({ Name: '/only/one' })),
      (error: Error) => error.name === 'ParameterNotFound',
    );
    one.clock.advance(60_000);
    assert.ok(one.clock.offsetMs >= 60_000);
    assert.equal(two.clock.offsetMs, 0);
  });
});
