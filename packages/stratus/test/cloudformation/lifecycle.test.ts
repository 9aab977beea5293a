import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { awsError, cloudFormation, describeStack, parameter, role } from './helpers.ts';

describe('CloudFormation deploys, redeploys and rollbacks', () => {
  let stratus: Stratus;
  let ssm: SSMClient;
  before(async () => {
    stratus = await startStratus();
    ssm = new SSMClient(clientConfig(stratus));
  });
  after(() => stratus.stop());

  /** The stack's events, oldest first. */
  async function events(stackName: string): Promise<StackEvent[]> {
    const { StackEvents } = await cloudFormation(stratus).send(
      new DescribeStackEventsCommand({ StackName: stackName }),
    );
    return StackEvents!.reverse();
  }
  const position = (list: StackEvent[], id: string, status: string) =>
    list.findIndex((e) => e.LogicalResourceId === id && e.ResourceStatus === status);
  const parameterValue = async (name: string) => {
    try {
      return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value;
    } catch (error: any) {
      return error.name as string;
    }
  };
  const physicalIds = (stackName: string) => {
    const stack = stratus.cloudformation.store.findStack('000000000000', 'us-east-1', stackName)!;
    return Object.fromEntries(
      stratus.cloudformation.store.listResources(stack.stackId).map((r) => [r.logicalId, r.physicalId]),
    );
  };

  it('creates resources in dependency order (DependsOn and references), as the events show', async () => {
    const template = {
      Resources: {
        Third: parameter({ Ref: 'Second' }),
        Second: { ...parameter('2'), DependsOn: 'First' },
        First: parameter('1'),
      },
    };
    await stratus.cloudformation.deployTemplate(template, { stackName: 'ordered' });
    const list = await events('ordered');
    assert.ok(position(list, 'First', 'CREATE_COMPLETE') < position(list, 'Second', 'CREATE_IN_PROGRESS'));
    assert.ok(position(list, 'Second', 'CREATE_COMPLETE') < position(list, 'Third', 'CREATE_IN_PROGRESS'));
    assert.equal(list[0].ResourceStatus, 'CREATE_IN_PROGRESS');
    assert.equal(list[0].ResourceType, 'AWS::CloudFormation::Stack');
    assert.equal(list.at(-1)!.ResourceStatus, 'CREATE_COMPLETE');
  });

  it('updates changed resources in place, replaces on replaceOn properties, deletes removed ones, leaves the rest', async () => {
    const v1 = {
      Resources: {
        Changed: parameter('a1', { Name: '/diff/changed' }),
        Renamed: parameter('b1', { Name: '/diff/before' }),
        Removed: parameter('c1', { Name: '/diff/removed' }),
        Kept: role(),
        Retained: { ...parameter('r1', { Name: '/diff/retained' }), DeletionPolicy: 'Retain' },
      },
    };
    await stratus.cloudformation.deployTemplate(v1, { stackName: 'diff' });
    const before = physicalIds('diff');
    const v2 = {
      Resources: {
        Changed: parameter('a2', { Name: '/diff/changed' }),
        Renamed: parameter('b1', { Name: '/diff/after' }),
        Kept: role(),
      },
    };
    const result = await stratus.cloudformation.deployTemplate(v2, { stackName: 'diff' });
    assert.equal(result.status, 'UPDATE_COMPLETE');
    const afterIds = physicalIds('diff');

    assert.equal(afterIds.Changed, before.Changed);
    assert.equal(await parameterValue('/diff/changed'), 'a2');
    assert.equal(afterIds.Renamed, '/diff/after');
    assert.equal(await parameterValue('/diff/after'), 'b1');
    assert.equal(await parameterValue('/diff/before'), 'ParameterNotFound');
    assert.equal(afterIds.Removed, undefined);
    assert.equal(await parameterValue('/diff/removed'), 'ParameterNotFound');
    assert.equal(await parameterValue('/diff/retained'), 'r1');
    assert.equal(afterIds.Kept, before.Kept);

    const list = await events('diff');
    const update = list.findIndex(
      (e) => e.LogicalResourceId === 'diff' && e.ResourceStatus === 'UPDATE_IN_PROGRESS',
    );
    const during = list.slice(update);
    assert.equal(during.filter((e) => e.LogicalResourceId === 'Kept').length, 0);
    assert.ok(
      during.some((e) => e.LogicalResourceId === 'Changed' && e.ResourceStatus === 'UPDATE_COMPLETE'),
    );
    assert.ok(
      during.some(
        (e) =>
          e.LogicalResourceId === 'Renamed' &&
          e.ResourceStatusReason ===
            'Requested update requires the creation of a new physical resource; hence creating one.',
      ),
    );
    assert.ok(
      during.some(
        (e) =>
          e.LogicalResourceId === 'Renamed' &&
          e.ResourceStatus === 'DELETE_COMPLETE' &&
          e.PhysicalResourceId === '/diff/before',
      ),
    );
    assert.ok(
      during.some((e) => e.LogicalResourceId === 'Retained' && e.ResourceStatus === 'DELETE_SKIPPED'),
    );
    assert.deepEqual(
      during.filter((e) => e.LogicalResourceId === 'diff').map((e) => e.ResourceStatus),
      ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE'],
    );
  });

  it('does nothing when the template and parameters did not change', async () => {
    const template = { Resources: { Same: parameter('same') } };
    await stratus.cloudformation.deployTemplate(template, { stackName: 'same' });
    const count = (await events('same')).length;
    const again = await stratus.cloudformation.deployTemplate(template, { stackName: 'same' });
    assert.equal(again.status, 'CREATE_COMPLETE');
    assert.equal((await events('same')).length, count);
  });

  it('rolls back a failed create, reporting the failing resource and its reason', async () => {
    const template = {
      Resources: {
        Good: parameter('ok', { Name: '/rollback/good' }),
        Bad: {
          Type: 'AWS::IAM::Policy',
          DependsOn: 'Good',
          Properties: {
            PolicyName: 'p',
            Roles: ['ghost'],
            PolicyDocument: { Version: '2012-10-17', Statement: [] },
          },
        },
      },
    };
    const stack = await stratus.cloudformation.deployTemplate(template, { stackName: 'broken' });
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    assert.equal(
      stack.statusReason,
      'The following resource(s) failed to create: [Bad]. Rollback requested by user.',
    );
    assert.deepEqual(stack.failures, [
      {
        logicalId: 'Bad',
        resourceType: 'AWS::IAM::Policy',
        status: 'CREATE_FAILED',
        reason: 'The role with name ghost cannot be found.',
      },
    ]);
    assert.equal(await parameterValue('/rollback/good'), 'ParameterNotFound');
    const list = await events('broken');
    assert.deepEqual(
      list.filter((e) => e.LogicalResourceId === 'broken').map((e) => e.ResourceStatus),
      ['CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE'],
    );
    assert.ok(position(list, 'Bad', 'CREATE_FAILED') < position(list, 'Good', 'DELETE_COMPLETE'));
    assert.equal((await describeStack(stratus, 'broken')).StackStatus, 'ROLLBACK_COMPLETE');

    const fixed = { Resources: { Good: template.Resources.Good } };
    const again = await stratus.cloudformation.deployTemplate(fixed, { stackName: 'broken' });
    assert.equal(again.status, 'CREATE_COMPLETE');
    assert.notEqual(again.stackId, stack.stackId);
    assert.equal(await parameterValue('/rollback/good'), 'ok');
  });

  it('rolls back a failed update to the previous resources', async () => {
    const v1 = { Resources: { A: parameter('a1', { Name: '/up/a' }), B: parameter('1', { Name: '/up/b' }) } };
    await stratus.cloudformation.deployTemplate(v1, { stackName: 'update-fails' });
    const v2 = {
      Resources: {
        A: parameter('a2', { Name: '/up/a' }),
        New: parameter('n', { Name: '/up/new' }),
        B: {
          ...parameter('not-a-number', { Name: '/up/b', AllowedPattern: '^[0-9]+$' }),
          DependsOn: ['A', 'New'],
        },
      },
    };
    const stack = await stratus.cloudformation.deployTemplate(v2, { stackName: 'update-fails' });
    assert.equal(stack.status, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal(stack.failures[0].logicalId, 'B');
    assert.equal(
      stack.failures[0].reason,
      'Parameter value, cannot be validated against allowedPattern: ^[0-9]+$',
    );
    assert.equal(await parameterValue('/up/a'), 'a1');
    assert.equal(await parameterValue('/up/b'), '1');
    assert.equal(await parameterValue('/up/new'), 'ParameterNotFound');
    assert.deepEqual(Object.keys(physicalIds('update-fails')).sort(), ['A', 'B']);
  });

  it('deletes a stack in reverse dependency order', async () => {
    const template = {
      Resources: {
        Base: parameter('b', { Name: '/del/base' }),
        Top: parameter({ Ref: 'Base' }, { Name: '/del/top' }),
      },
    };
    const created = await stratus.cloudformation.deployTemplate(template, { stackName: 'to-delete' });
    const deleted = await stratus.cloudformation.deleteStack('to-delete');
    assert.equal(deleted.status, 'DELETE_COMPLETE');
    assert.equal(await parameterValue('/del/base'), 'ParameterNotFound');
    const list = await events(created.stackId);
    assert.ok(position(list, 'Top', 'DELETE_COMPLETE') < position(list, 'Base', 'DELETE_IN_PROGRESS'));
    const error = await awsError(() => describeStack(stratus, 'to-delete'));
    assert.equal(error.message, 'Stack with id to-delete does not exist');
    assert.equal((await describeStack(stratus, created.stackId)).StackStatus, 'DELETE_COMPLETE');
  });
});
