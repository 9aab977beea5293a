import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { awsError, cloudFormation, describeStack, outputs, parameter, role } from './helpers.ts';

describe('CloudFormation stack API', () => {
  let stratus: Stratus;
  let cfn: CloudFormationClient;
  const body = JSON.stringify({
    Parameters: { Value: { Type: 'String' } },
    Resources: { P: { ...parameter({ Ref: 'Value' }), Metadata: { note: 'kept' } }, R: role() },
    Outputs: { Value: { Value: { 'Fn::GetAtt': ['P', 'Value'] }, Description: 'the value' } },
  });
  /** CreateStack, UpdateStack and DeleteStack answer at once; the work goes on in the background. */
  const settled = () => stratus.cloudformation.engine.idle();

  before(async () => {
    stratus = await startStratus();
    cfn = cloudFormation(stratus);
  });
  after(() => stratus.stop());

  it('refuses IAM resources without the capability', async () => {
    const error = await awsError(() =>
      cfn.send(
        new CreateStackCommand({
          StackName: 'api',
          TemplateBody: body,
          Parameters: [{ ParameterKey: 'Value', ParameterValue: 'x' }],
        }),
      ),
    );
    assert.equal(error.name, 'InsufficientCapabilitiesException');
    assert.equal(error.message, 'Requires capabilities : [CAPABILITY_IAM]');
  });

  it('creates a stack (CreateStack) and describes it', async () => {
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: 'api',
        TemplateBody: body,
        Parameters: [{ ParameterKey: 'Value', ParameterValue: 'one' }],
        Capabilities: ['CAPABILITY_IAM'],
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    assert.match(StackId!, /^arn:aws:cloudformation:us-east-1:000000000000:stack\/api\/[0-9a-f-]{36}$/);
    await settled();
    const stack = await describeStack(stratus, 'api');
    assert.equal(stack.StackId, StackId);
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(stack.Outputs, [{ OutputKey: 'Value', OutputValue: 'one', Description: 'the value' }]);
    assert.deepEqual(stack.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.deepEqual(stack.Capabilities, ['CAPABILITY_IAM']);
    assert.ok(stack.CreationTime instanceof Date);

    const again = await awsError(() =>
      cfn.send(
        new CreateStackCommand({ StackName: 'api', TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }),
      ),
    );
    assert.equal(again.name, 'AlreadyExistsException');
    assert.equal(again.message, 'Stack [api] already exists');
  });

  it('lists and describes its resources', async () => {
    const { StackResourceSummaries } = await cfn.send(new ListStackResourcesCommand({ StackName: 'api' }));
    assert.deepEqual(
      StackResourceSummaries!.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus]),
      [
        ['P', 'AWS::SSM::Parameter', 'CREATE_COMPLETE'],
        ['R', 'AWS::IAM::Role', 'CREATE_COMPLETE'],
      ],
    );
    const physicalId = StackResourceSummaries![0].PhysicalResourceId!;
    const { StackResources } = await cfn.send(
      new DescribeStackResourcesCommand({ PhysicalResourceId: physicalId }),
    );
    assert.equal(StackResources!.length, 2);
    assert.equal(StackResources![0].StackName, 'api');
    const one = await cfn.send(
      new DescribeStackResourcesCommand({ StackName: 'api', LogicalResourceId: 'R' }),
    );
    assert.deepEqual(
      one.StackResources!.map((r) => r.LogicalResourceId),
      ['R'],
    );
    const { StackResourceDetail } = await cfn.send(
      new DescribeStackResourceCommand({ StackName: 'api', LogicalResourceId: 'P' }),
    );
    assert.equal(StackResourceDetail!.PhysicalResourceId, physicalId);
    assert.deepEqual(JSON.parse(StackResourceDetail!.Metadata!), { note: 'kept' });
    const missing = await awsError(() =>
      cfn.send(new DescribeStackResourceCommand({ StackName: 'api', LogicalResourceId: 'Nope' })),
    );
    assert.equal(missing.message, 'Resource Nope does not exist for stack api');
  });

  it('returns the template as given (GetTemplate)', async () => {
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'api' }));
    assert.equal(TemplateBody, body);
  });

  it('updates a stack (UpdateStack), with previous template and parameter values', async () => {
    const unchanged = await awsError(() =>
      cfn.send(
        new UpdateStackCommand({
          StackName: 'api',
          UsePreviousTemplate: true,
          Parameters: [{ ParameterKey: 'Value', UsePreviousValue: true }],
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    assert.equal(unchanged.message, 'No updates are to be performed.');
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'api',
        UsePreviousTemplate: true,
        Parameters: [{ ParameterKey: 'Value', ParameterValue: 'two' }],
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await settled();
    assert.equal((await describeStack(stratus, 'api')).StackStatus, 'UPDATE_COMPLETE');
    assert.equal((await outputs(stratus, 'api')).Value, 'two');
    const missing = await awsError(() =>
      cfn.send(new UpdateStackCommand({ StackName: 'ghost', TemplateBody: body })),
    );
    assert.equal(missing.message, 'Stack [ghost] does not exist');
  });

  it('lists stacks, deleted ones included (ListStacks), and deletes stacks (DeleteStack)', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'second',
        TemplateBody: JSON.stringify({ Resources: { P: parameter('x') } }),
      }),
    );
    await settled();
    const { Stacks } = await cfn.send(new DescribeStacksCommand({}));
    assert.deepEqual(
      Stacks!.map((s) => s.StackName),
      ['second', 'api'],
    );

    await cfn.send(new DeleteStackCommand({ StackName: 'second' }));
    await cfn.send(new DeleteStackCommand({ StackName: 'never-existed' }));
    await settled();
    const { StackSummaries } = await cfn.send(new ListStacksCommand({}));
    assert.deepEqual(
      StackSummaries!.map((s) => [s.StackName, s.StackStatus]),
      [
        ['second', 'DELETE_COMPLETE'],
        ['api', 'UPDATE_COMPLETE'],
      ],
    );
    const filtered = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    assert.deepEqual(
      filtered.StackSummaries!.map((s) => s.StackName),
      ['second'],
    );
    assert.ok(filtered.StackSummaries![0].DeletionTime instanceof Date);
  });

  it('honours OnFailure: DO_NOTHING keeps what was created, DELETE rolls back and deletes the stack', async () => {
    const failing = JSON.stringify({
      Resources: {
        Made: parameter('made', { Name: '/onfailure/made' }),
        Bad: { ...parameter('x', { Name: 'aws-reserved' }), DependsOn: 'Made' },
      },
    });
    await cfn.send(
      new CreateStackCommand({ StackName: 'keep', TemplateBody: failing, OnFailure: 'DO_NOTHING' }),
    );
    await cfn.send(new CreateStackCommand({ StackName: 'gone', TemplateBody: failing, OnFailure: 'DELETE' }));
    await settled();
    const kept = await describeStack(stratus, 'keep');
    assert.equal(kept.StackStatus, 'CREATE_FAILED');
    assert.equal(kept.StackStatusReason, 'The following resource(s) failed to create: [Bad].');
    const { StackResourceSummaries } = await cfn.send(new ListStackResourcesCommand({ StackName: 'keep' }));
    assert.deepEqual(
      StackResourceSummaries!.map((r) => [r.LogicalResourceId, r.ResourceStatus]),
      [
        ['Made', 'CREATE_COMPLETE'],
        ['Bad', 'CREATE_FAILED'],
      ],
    );
    const { StackSummaries } = await cfn.send(
      new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }),
    );
    assert.ok(StackSummaries!.some((s) => s.StackName === 'gone'));
    await cfn.send(new DeleteStackCommand({ StackName: 'keep' }));
    await settled();
  });

  it('answers "does not exist" for unknown stacks', async () => {
    for (const command of [
      new DescribeStacksCommand({ StackName: 'nope' }),
      new ListStackResourcesCommand({ StackName: 'nope' }),
      new GetTemplateCommand({ StackName: 'nope' }),
    ]) {
      const error = await awsError(() => cfn.send(command as any));
      assert.equal(error.name, 'ValidationError');
      assert.equal(error.message, 'Stack with id nope does not exist');
    }
  });
});
