// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListExportsCommand } from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { awsError, cloudFormation, outputs, parameter, role } from './helpers.ts';

const producer = (value: string) => ({
  Resources: { Role: role(), Shared: parameter(value) },
  Outputs: {
    RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] }, Export: { Name: 'shared-role-arn' } },
    SharedName: { Value: { Ref: 'Shared' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-shared' } } },
  },
});

const consumer = {
  Resources: { Uses: parameter({ 'Fn::ImportValue': 'shared-role-arn' }) },
  Outputs: {
    Imported: { Value: { 'Fn::GetAtt': ['Uses', 'Value'] } },
    ImportedName: { Value: { 'Fn::ImportValue': 'producer-shared' } },
  },
};

describe('CloudFormation exports and Fn::ImportValue', () => {
  let stratus: Stratus;
  before(async () => {
    stratus = await startStratus();
    await stratus.cloudformation.deployTemplate(producer('one'), { stackName: 'producer' });
    await stratus.cloudformation.deployTemplate(consumer, { stackName: 'consumer' });
  });
  after(() => stratus.stop());

  it("imports another stack's exports", async () => {
    const produced = await outputs(stratus, 'producer');
    const consumed = await outputs(stratus, 'consumer');
    assert.equal(consumed.Imported, produced.RoleArn);
    assert.equal(consumed.ImportedName, produced.SharedName);
  });

  it('lists exports with the exporting stack', async () => {
    const { Exports } = await cloudFormation(stratus).send(new ListExportsCommand({}));
    const names = Exports!.map((e) => e.Name).sort();
    assert.deepEqual(names, ['producer-shared', 'shared-role-arn']);
    assert.match(Exports![0].ExportingStackId!, /:stack\/producer\//);
  });

  it('refuses to import an export nobody made', async () => {
    const template = { Resources: { P: parameter({ 'Fn::ImportValue': 'nothing-here' }) } };
    const error = await awsError(() =>
      stratus.cloudformation.deployTemplate(template, { stackName: 'orphan' }),
    );
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.message, 'No export named nothing-here found.');
  });

  it('refuses a second stack exporting the same name, rolling it back', async () => {
    const stack = await stratus.cloudformation.deployTemplate(producer('two'), { stackName: 'copycat' });
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    assert.match(
      stack.statusReason!,
      /Export with name shared-role-arn is already exported by stack producer/,
    );
  });

  it('keeps an export another stack imports: neither deleted nor changed', async () => {
    const deleted = await stratus.cloudformation.deleteStack('producer');
    assert.equal(deleted.status, 'DELETE_FAILED');
    assert.equal(
      deleted.statusReason,
      'Export producer-shared cannot be deleted as it is in use by consumer',
    );

    const changed = {
      ...producer('one'),
      Outputs: {
        ...producer('one').Outputs,
        RoleArn: { Value: 'other', Export: { Name: 'shared-role-arn' } },
      },
    };
    const updated = await stratus.cloudformation.deployTemplate(changed, { stackName: 'producer' });
    assert.equal(updated.status, 'UPDATE_ROLLBACK_COMPLETE');
    assert.match(updated.statusReason!, /Cannot update export shared-role-arn as it is in use by consumer/);
    assert.notEqual((await outputs(stratus, 'producer')).RoleArn, 'other');
  });

  it('frees the exports once the importing stack is gone', async () => {
    assert.equal((await stratus.cloudformation.deleteStack('consumer')).status, 'DELETE_COMPLETE');
    assert.equal((await stratus.cloudformation.deleteStack('producer')).status, 'DELETE_COMPLETE');
    const { Exports } = await cloudFormation(stratus).send(new ListExportsCommand({}));
    assert.deepEqual(Exports ?? [], []);
  });
});
