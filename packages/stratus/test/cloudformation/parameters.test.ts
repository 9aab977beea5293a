import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { awsError, describeStack, outputs, parameter } from './helpers.ts';

/** What CDK synthesizes into every stack: the bootstrap version parameter and the rule that checks it. */
const cdkBootstrapCheck = {
  Parameters: {
    BootstrapVersion: {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/cdk-bootstrap/hnb659fds/version',
      Description: 'Version of the CDK Bootstrap resources in this environment [cdk:skip]',
    },
  },
  Rules: {
    CheckBootstrapVersion: {
      Assertions: [
        {
          Assert: {
            'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }],
          },
          AssertDescription:
            "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
        },
      ],
    },
  },
};

describe('CloudFormation parameters and rules', () => {
  let stratus: Stratus;
  let ssm: SSMClient;
  before(async () => {
    stratus = await startStratus();
    ssm = new SSMClient(clientConfig(stratus, 'eu-west-1'));
  });
  after(() => stratus.stop());

  it("passes CDK's CheckBootstrapVersion rule with the seeded bootstrap parameter", async () => {
    const template = {
      ...cdkBootstrapCheck,
      Resources: { P: parameter('x') },
      Outputs: { Version: { Value: { Ref: 'BootstrapVersion' } } },
    };
    const stack = await stratus.cloudformation.deployTemplate(template, {
      stackName: 'cdk',
      region: 'eu-west-1',
    });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    const out = await outputs(stratus, 'cdk', 'eu-west-1');
    assert.ok(Number(out.Version) >= 6);
    const described = await describeStack(stratus, 'cdk', 'eu-west-1');
    assert.deepEqual(described.Parameters, [
      {
        ParameterKey: 'BootstrapVersion',
        ParameterValue: '/cdk-bootstrap/hnb659fds/version',
        ResolvedValue: out.Version,
      },
    ]);
  });

  it("fails with the rule's description when the bootstrap version is too old", async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/cdk-bootstrap/hnb659fds/version',
        Value: '5',
        Type: 'String',
        Overwrite: true,
      }),
    );
    const template = { ...cdkBootstrapCheck, Resources: { P: parameter('x') } };
    const error = await awsError(() =>
      stratus.cloudformation.deployTemplate(template, { stackName: 'old-bootstrap', region: 'eu-west-1' }),
    );
    assert.equal(error.name, 'ValidationError');
    assert.equal(
      error.message,
      "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
    );
    assert.equal(
      stratus.cloudformation.store.findStack('000000000000', 'eu-west-1', 'old-bootstrap'),
      undefined,
    );
  });

  it('fails when an SSM-typed parameter names no parameter', async () => {
    const template = {
      Parameters: { Missing: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/not/there' } },
      Resources: { P: parameter('x') },
    };
    const error = await awsError(() =>
      stratus.cloudformation.deployTemplate(template, { stackName: 'ssm-missing' }),
    );
    assert.equal(
      error.message,
      'Unable to fetch parameters [/not/there] from parameter store for this account.',
    );
  });

  it('checks required parameters, unknown keys, AllowedValues, patterns and numbers', async () => {
    const template = {
      Parameters: {
        Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] },
        Name: { Type: 'String', Default: 'abc', AllowedPattern: '[a-z]+', MaxLength: 5 },
        Size: { Type: 'Number', Default: '1', MinValue: 1, MaxValue: 10 },
      },
      Resources: { P: parameter({ Ref: 'Stage' }) },
    };
    const deploy = (parameters: Record<string, string>) => () =>
      stratus.cloudformation.deployTemplate(template, { stackName: 'params', parameters });
    assert.equal((await awsError(deploy({}))).message, 'Parameters: [Stage] must have values');
    assert.equal(
      (await awsError(deploy({ Stage: 'dev', Nope: 'x' }))).message,
      'Parameters: [Nope] do not exist in the template',
    );
    assert.equal(
      (await awsError(deploy({ Stage: 'qa' }))).message,
      "Parameter 'Stage' must be one of AllowedValues",
    );
    assert.equal(
      (await awsError(deploy({ Stage: 'dev', Name: 'A1' }))).message,
      "Parameter 'Name' must match pattern [a-z]+",
    );
    assert.equal(
      (await awsError(deploy({ Stage: 'dev', Name: 'abcdef' }))).message,
      "Parameter 'Name' must contain at most 5 characters",
    );
    assert.equal(
      (await awsError(deploy({ Stage: 'dev', Size: 'x' }))).message,
      "Parameter 'Size' must be a number.",
    );
    assert.equal(
      (await awsError(deploy({ Stage: 'dev', Size: '11' }))).message,
      "Parameter 'Size' must be a number not greater than 10",
    );
    const ok = await stratus.cloudformation.deployTemplate(template, {
      stackName: 'params',
      parameters: { Stage: 'dev' },
    });
    assert.equal(ok.status, 'CREATE_COMPLETE');
  });

  it('shows NoEcho parameters as asterisks', async () => {
    const template = {
      Parameters: { Secret: { Type: 'String', NoEcho: true } },
      Resources: { P: parameter({ Ref: 'Secret' }) },
    };
    await stratus.cloudformation.deployTemplate(template, {
      stackName: 'noecho',
      parameters: { Secret: 'hunter2' },
    });
    const stack = await describeStack(stratus, 'noecho');
    assert.deepEqual(stack.Parameters, [{ ParameterKey: 'Secret', ParameterValue: '****' }]);
  });

  it('resolves {{resolve:ssm:…}} dynamic references in resource properties', async () => {
    const us = new SSMClient(clientConfig(stratus));
    await us.send(new PutParameterCommand({ Name: '/app/color', Value: 'blue', Type: 'String' }));
    const template = {
      Resources: { Copy: parameter('color={{resolve:ssm:/app/color}}', { Name: '/app/copy' }) },
    };
    await stratus.cloudformation.deployTemplate(template, { stackName: 'dynamic' });
    const { Parameter } = await us.send(new GetParameterCommand({ Name: '/app/copy' }));
    assert.equal(Parameter!.Value, 'color=blue');
    const missing = { Resources: { Copy: parameter('{{resolve:ssm:/app/none}}') } };
    const stack = await stratus.cloudformation.deployTemplate(missing, { stackName: 'dynamic-missing' });
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    assert.equal(stack.failures[0].reason, 'Parameters: [ssm:/app/none] cannot be found.');
  });
});
