import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { awsError, lambdaTrust, outputs, role } from './helpers.ts';

describe('IAM roles and policies from templates', () => {
  let stratus: Stratus;
  let iam: IAMClient;
  let out: Record<string, string>;
  const statement = { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' };

  before(async () => {
    stratus = await startStratus();
    iam = new IAMClient(clientConfig(stratus));
    const template = {
      Resources: {
        FunctionServiceRoleWithAVeryLongLogicalIdIndeed12345: role({
          ManagedPolicyArns: [
            'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
            { Ref: 'Managed' },
          ],
          Policies: [
            { PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
          ],
        }),
        Named: role({ RoleName: 'named-role', Path: '/service/' }),
        DefaultPolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'DefaultPolicy',
            Roles: [{ Ref: 'FunctionServiceRoleWithAVeryLongLogicalIdIndeed12345' }, { Ref: 'Named' }],
            PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
          },
        },
        Managed: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
        },
        Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Named' }] } },
      },
      Outputs: {
        Role: { Value: { Ref: 'FunctionServiceRoleWithAVeryLongLogicalIdIndeed12345' } },
        Arn: { Value: { 'Fn::GetAtt': ['Named', 'Arn'] } },
        RoleId: { Value: { 'Fn::GetAtt': ['Named', 'RoleId'] } },
        Managed: { Value: { Ref: 'Managed' } },
        ProfileArn: { Value: { 'Fn::GetAtt': ['Profile', 'Arn'] } },
      },
    };
    const stack = await stratus.cloudformation.deployTemplate(template, { stackName: 'IamStack' });
    assert.equal(stack.status, 'CREATE_COMPLETE', stack.failures.map((f) => f.reason).join());
    out = await outputs(stratus, 'IamStack');
  });
  after(() => stratus.stop());

  it('names roles as CloudFormation does, within 64 characters', () => {
    assert.match(out.Role, /^IamStack-FunctionServiceRoleWithAVeryLong\w+-[A-Z0-9]{12}$/);
    assert.ok(out.Role.length <= 64);
    assert.equal(out.Arn, 'arn:aws:iam::000000000000:role/service/named-role');
    assert.match(out.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.match(out.Managed, /^arn:aws:iam::000000000000:policy\/IamStack-Managed-[A-Z0-9]{12}$/);
    assert.match(out.ProfileArn, /^arn:aws:iam::000000000000:instance-profile\/IamStack-Profile-/);
  });

  it('serves the roles through GetRole and ListRoles', async () => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'named-role' }));
    assert.equal(Role!.Arn, out.Arn);
    assert.equal(Role!.RoleId, out.RoleId);
    assert.equal(Role!.Path, '/service/');
    assert.deepEqual(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)), lambdaTrust);
    const { Roles } = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(Roles!.map((r) => r.RoleName).sort(), ['named-role', out.Role].sort());
    const missing = await awsError(() => iam.send(new GetRoleCommand({ RoleName: 'nobody' })));
    assert.equal(missing.name, 'NoSuchEntityException');
    assert.equal(missing.status, 404);
    assert.equal(missing.message, 'The role with name nobody cannot be found.');
  });

  it('records inline policies from Policies and AWS::IAM::Policy, and attached managed policies', async () => {
    const { PolicyNames } = await iam.send(new ListRolePoliciesCommand({ RoleName: out.Role }));
    assert.deepEqual(PolicyNames, ['DefaultPolicy', 'inline']);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'named-role', PolicyName: 'DefaultPolicy' }),
    );
    assert.deepEqual(JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement, [statement]);
    const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: out.Role }));
    assert.deepEqual(
      AttachedPolicies!.map((p) => p.PolicyArn),
      ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', out.Managed],
    );
  });

  it('answers getRole(name or ARN) for other services', () => {
    const byName = stratus.iam.getRole('named-role')!;
    assert.equal(stratus.iam.getRole(out.Arn)?.roleId, byName.roleId);
    assert.deepEqual(Object.keys(byName.inlinePolicies), ['DefaultPolicy']);
    assert.equal(stratus.iam.getRole('nobody'), undefined);
  });

  it('removes the policy from its roles, then the roles, when the stack goes', async () => {
    assert.equal((await stratus.cloudformation.deleteStack('IamStack')).status, 'DELETE_COMPLETE');
    const { Roles } = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(Roles, []);
  });
});
