import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { awsError, outputs } from './helpers.ts';

const yamlTemplate = `
AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Sub '\${AWS::Region}-\${Stage}'
Outputs:
  Value:
    Value: !GetAtt Param.Value
  Joined:
    Value: !Join ['+', [!If [IsDev, dev, prod], !Select [1, !Split [',', 'a,b']]]]
`;

/** Whether the optional `yaml` package is installed (Stratus reads YAML templates only with it). */
async function yamlInstalled(): Promise<boolean> {
  const name = 'yaml';
  return import(name).then(
    () => true,
    () => false,
  );
}

describe('CloudFormation YAML templates', () => {
  let stratus: Stratus;
  let dir: string;
  before(async () => {
    stratus = await startStratus();
    dir = mkdtempSync(join(tmpdir(), 'stratus-yaml-'));
    writeFileSync(join(dir, 'template.yaml'), yamlTemplate);
  });
  after(async () => {
    await stratus.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys a YAML template with short-form intrinsics, or says the yaml package is needed', async () => {
    const file = join(dir, 'template.yaml');
    if (await yamlInstalled()) {
      const stack = await stratus.cloudformation.deployTemplate(file, { stackName: 'yaml' });
      assert.equal(stack.status, 'CREATE_COMPLETE');
      assert.deepEqual(await outputs(stratus, 'yaml'), { Value: 'us-east-1-dev', Joined: 'dev+b' });
    } else {
      const error = await awsError(() => stratus.cloudformation.deployTemplate(file, { stackName: 'yaml' }));
      assert.equal(error.name, 'ValidationError');
      assert.match(error.message, /YAML templates only when the `yaml` npm package is installed/);
    }
  });
});
