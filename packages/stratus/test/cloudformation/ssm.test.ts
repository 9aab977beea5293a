import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { awsError } from './helpers.ts';

describe('SSM Parameter Store', () => {
  let stratus: Stratus;
  let ssm: SSMClient;
  before(async () => {
    stratus = await startStratus();
    ssm = new SSMClient(clientConfig(stratus));
  });
  after(() => stratus.stop());

  it("starts every region bootstrapped for CDK (CDK's bootstrap version parameter)", async () => {
    for (const region of ['us-east-1', 'ap-northeast-1']) {
      const client = new SSMClient(clientConfig(stratus, region));
      const { Parameter } = await client.send(
        new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }),
      );
      assert.ok(Number(Parameter!.Value) >= 6, 'aws-cdk-lib requires bootstrap version 6 or later');
      assert.equal(
        Parameter!.ARN,
        `arn:aws:ssm:${region}:000000000000:parameter/cdk-bootstrap/hnb659fds/version`,
      );
    }
  });

  it('puts, versions, reads and deletes parameters', async () => {
    assert.deepEqual(
      (await ssm.send(new PutParameterCommand({ Name: '/app/db/host', Value: 'localhost', Type: 'String' })))
        .Version,
      1,
    );
    const exists = await awsError(() =>
      ssm.send(new PutParameterCommand({ Name: '/app/db/host', Value: 'x', Type: 'String' })),
    );
    assert.equal(exists.name, 'ParameterAlreadyExists');
    assert.equal(
      exists.message,
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const second = await ssm.send(
      new PutParameterCommand({ Name: '/app/db/host', Value: 'db.local', Overwrite: true }),
    );
    assert.equal(second.Version, 2);
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/db/host' }));
    assert.equal(Parameter!.Value, 'db.local');
    assert.equal(Parameter!.Type, 'String');
    assert.equal(Parameter!.DataType, 'text');
    assert.ok(Parameter!.LastModifiedDate instanceof Date);
    assert.equal(
      (await ssm.send(new GetParameterCommand({ Name: '/app/db/host:2' }))).Parameter!.Selector,
      ':2',
    );
    const old = await awsError(() => ssm.send(new GetParameterCommand({ Name: '/app/db/host:1' })));
    assert.equal(old.name, 'ParameterVersionNotFound');

    await ssm.send(new DeleteParameterCommand({ Name: '/app/db/host' }));
    const gone = await awsError(() => ssm.send(new GetParameterCommand({ Name: '/app/db/host' })));
    assert.equal(gone.name, 'ParameterNotFound');
    assert.equal(gone.status, 400);
    assert.equal(
      (await awsError(() => ssm.send(new DeleteParameterCommand({ Name: '/app/db/host' })))).name,
      'ParameterNotFound',
    );
  });

  it('gets and deletes several parameters, listing the names it could not find', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'a,b', Type: 'StringList' }));
    await ssm.send(new PutParameterCommand({ Name: '/secret', Value: 's3cr3t', Type: 'SecureString' }));
    const result = await ssm.send(new GetParametersCommand({ Names: ['plain', '/secret', '/missing'] }));
    assert.deepEqual(
      result.Parameters!.map((p) => [p.Name, p.Type]),
      [
        ['plain', 'StringList'],
        ['/secret', 'SecureString'],
      ],
    );
    assert.notEqual(result.Parameters![1].Value, 's3cr3t');
    assert.deepEqual(result.InvalidParameters, ['/missing']);
    const decrypted = await ssm.send(new GetParameterCommand({ Name: '/secret', WithDecryption: true }));
    assert.equal(decrypted.Parameter!.Value, 's3cr3t');
    const deleted = await ssm.send(new DeleteParametersCommand({ Names: ['plain', '/secret', '/missing'] }));
    assert.deepEqual(deleted.DeletedParameters, ['plain', '/secret']);
    assert.deepEqual(deleted.InvalidParameters, ['/missing']);
  });

  it('refuses bad names, missing types and values breaking the allowed pattern', async () => {
    const reserved = await awsError(() =>
      ssm.send(new PutParameterCommand({ Name: 'aws-thing', Value: 'x', Type: 'String' })),
    );
    assert.equal(reserved.name, 'ValidationException');
    const noType = await awsError(() => ssm.send(new PutParameterCommand({ Name: 'typeless', Value: 'x' })));
    assert.equal(noType.message, 'A parameter type is required when you create a parameter.');
    const pattern = await awsError(() =>
      ssm.send(
        new PutParameterCommand({ Name: 'digits', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' }),
      ),
    );
    assert.equal(pattern.name, 'ParameterPatternMismatchException');
  });

  it('provides AWS::SSM::Parameter to CloudFormation, with a generated name and Type/Value attributes', async () => {
    const template = {
      Resources: {
        P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v1', Description: 'd' } },
      },
      Outputs: { Name: { Value: { Ref: 'P' } }, Type: { Value: { 'Fn::GetAtt': ['P', 'Type'] } } },
    };
    const stack = await stratus.cloudformation.deployTemplate(template, { stackName: 'ssm-provider' });
    const name = stack.outputs.find((o) => o.OutputKey === 'Name')!.OutputValue;
    assert.match(name, /^CFN-P-[A-Za-z0-9]{12}$/);
    assert.equal(stack.outputs.find((o) => o.OutputKey === 'Type')!.OutputValue, 'String');
    assert.equal((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value, 'v1');
    await stratus.cloudformation.deleteStack('ssm-provider');
    assert.equal(
      (await awsError(() => ssm.send(new GetParameterCommand({ Name: name })))).name,
      'ParameterNotFound',
    );
  });
});
