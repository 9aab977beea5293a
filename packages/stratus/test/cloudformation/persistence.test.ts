import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { describeStack, outputs, parameter } from './helpers.ts';

describe('CloudFormation state across restarts', () => {
  let dir: string;
  let stratus: Stratus | undefined;
  const start = async () => {
    stratus = await startStratus({ ephemeral: false, dataDir: dir });
    return stratus;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'stratus-cfn-state-'));
  });
  after(async () => {
    await stratus?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const template = {
    Resources: { Value: parameter('kept', { Name: '/restart/value' }) },
    Outputs: { Name: { Value: { Ref: 'Value' }, Export: { Name: 'restart-name' } } },
  };

  it('keeps stacks, resources and exports, and diffs the next deploy against them', async () => {
    const first = await start();
    await first.cloudformation.deployTemplate(template, { stackName: 'durable' });
    await first.stop();

    const second = await start();
    assert.equal((await outputs(second, 'durable')).Name, '/restart/value');
    const again = await second.cloudformation.deployTemplate(template, { stackName: 'durable' });
    assert.equal(again.status, 'CREATE_COMPLETE');
    const changed = { ...template, Resources: { Value: parameter('changed', { Name: '/restart/value' }) } };
    assert.equal(
      (await second.cloudformation.deployTemplate(changed, { stackName: 'durable' })).status,
      'UPDATE_COMPLETE',
    );
    await second.stop();
  });

  it('ends an operation an earlier process left unfinished in its failed state', async () => {
    const third = await start();
    const stack = third.cloudformation.store.findStack('000000000000', 'us-east-1', 'durable')!;
    // As if the process had died mid-update.
    third.cloudformation.store.updateStack(stack.stackId, { status: 'UPDATE_IN_PROGRESS' });
    await third.stop();

    const fourth = await start();
    const described = await describeStack(fourth, 'durable');
    assert.equal(described.StackStatus, 'UPDATE_ROLLBACK_FAILED');
    assert.equal(described.StackStatusReason, 'Stratus stopped while this stack operation was in progress.');
    assert.equal((await fourth.cloudformation.deleteStack('durable')).status, 'DELETE_COMPLETE');
  });
});
