// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { cloudFormation, outputs, parameter, role } from './helpers.ts';

describe('CloudFormation intrinsic functions and conditions', () => {
  let stratus: Stratus;
  let out: Record<string, string>;

  before(async () => {
    stratus = await startStratus();
    const template = {
      Parameters: {
        Env: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] },
        Names: { Type: 'CommaDelimitedList', Default: 'alpha,beta,gamma' },
        Count: { Type: 'Number', Default: '3' },
      },
      Mappings: {
        Sizes: { prod: { Memory: '1024', Zones: ['a', 'b'] }, dev: { Memory: '128', Zones: ['a'] } },
      },
      Conditions: {
        IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        ProdAndThree: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Count' }, 3] }] },
        DevOrThree: { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['3', { Ref: 'Count' }] }] },
      },
      Resources: {
        Value: parameter({ 'Fn::Join': ['-', ['v', { Ref: 'Env' }, { Ref: 'AWS::Region' }]] }),
        Role: role(),
        DevOnly: { ...parameter('dev'), Condition: 'IsDev' },
        WithNoValue: parameter('x', {
          Description: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'dev description'] },
        }),
      },
      Outputs: {
        Ref: { Value: { Ref: 'Value' } },
        GetAttList: { Value: { 'Fn::GetAtt': ['Value', 'Value'] } },
        GetAttDotted: { Value: { 'Fn::GetAtt': 'Role.Arn' } },
        Join: {
          Value: {
            'Fn::Join': [',', [{ Ref: 'Env' }, 'x', { 'Fn::If': ['IsDev', 'dev', { Ref: 'AWS::NoValue' }] }]],
          },
        },
        SubString: { Value: { 'Fn::Sub': '${AWS::StackName}/${Env}/${Value.Type}/${!Literal}' } },
        SubMap: {
          Value: {
            'Fn::Sub': ['${Greeting}, ${Role}', { Greeting: { 'Fn::Select': [0, { Ref: 'Names' }] } }],
          },
        },
        Select: { Value: { 'Fn::Select': ['2', { Ref: 'Names' }] } },
        Split: { Value: { 'Fn::Select': [1, { 'Fn::Split': ['|', 'a|b|c'] }] } },
        If: { Value: { 'Fn::If': ['IsProd', 'production', 'development'] } },
        And: { Value: { 'Fn::If': ['ProdAndThree', 'yes', 'no'] } },
        Or: { Value: { 'Fn::If': ['DevOrThree', 'yes', 'no'] } },
        FindInMap: { Value: { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] } },
        FindInMapList: { Value: { 'Fn::Join': ['+', { 'Fn::FindInMap': ['Sizes', 'prod', 'Zones'] }] } },
        GetAZs: { Value: { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] } },
        Base64: { Value: { 'Fn::Base64': { 'Fn::Sub': 'hello ${Env}' } } },
        Cidr: { Value: { 'Fn::Join': [' ', { 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }] } },
        Pseudo: {
          Value: {
            'Fn::Join': [
              '|',
              [
                { Ref: 'AWS::AccountId' },
                { Ref: 'AWS::Partition' },
                { Ref: 'AWS::URLSuffix' },
                { 'Fn::Join': [',', { Ref: 'AWS::NotificationARNs' }] },
              ],
            ],
          },
        },
        StackId: { Value: { Ref: 'AWS::StackId' } },
        Number: { Value: { Ref: 'Count' } },
        DevOnlyOutput: { Value: 'hidden', Condition: 'IsDev' },
      },
    };
    await stratus.cloudformation.deployTemplate(template, { stackName: 'intrinsics' });
    out = await outputs(stratus, 'intrinsics');
  });
  after(() => stratus.stop());

  it('resolves Ref of resources and Fn::GetAtt in both forms', () => {
    assert.match(out.Ref, /^CFN-Value-[A-Za-z0-9]{12}$/);
    assert.equal(out.GetAttList, 'v-prod-us-east-1');
    assert.match(out.GetAttDotted, /^arn:aws:iam::000000000000:role\/intrinsics-Role-[A-Z0-9]{12}$/);
  });

  it('resolves Fn::Join, dropping AWS::NoValue items', () => {
    assert.equal(out.Join, 'prod,x');
  });

  it('resolves Fn::Sub in its string and its map form', () => {
    assert.equal(out.SubString, 'intrinsics/prod/String/${Literal}');
    assert.match(out.SubMap, /^alpha, intrinsics-Role-/);
  });

  it('resolves Fn::Select, Fn::Split and list parameters', () => {
    assert.equal(out.Select, 'gamma');
    assert.equal(out.Split, 'b');
    assert.equal(out.Number, '3');
  });

  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or through Fn::If', () => {
    assert.equal(out.If, 'production');
    assert.equal(out.And, 'yes');
    assert.equal(out.Or, 'yes');
  });

  it('resolves Fn::FindInMap, Fn::GetAZs, Fn::Base64 and Fn::Cidr', () => {
    assert.equal(out.FindInMap, '1024');
    assert.equal(out.FindInMapList, 'a+b');
    assert.equal(out.GetAZs, 'us-east-1a,us-east-1b,us-east-1c,us-east-1d,us-east-1e,us-east-1f');
    assert.equal(Buffer.from(out.Base64, 'base64').toString(), 'hello prod');
    assert.equal(out.Cidr, '10.0.0.0/24 10.0.1.0/24 10.0.2.0/24');
  });

  it('resolves the pseudo parameters', () => {
    assert.equal(out.Pseudo, '000000000000|aws|amazonaws.com|');
    assert.match(
      out.StackId,
      /^arn:aws:cloudformation:us-east-1:000000000000:stack\/intrinsics\/[0-9a-f-]{36}$/,
    );
  });

  it('leaves out resources and outputs whose condition is false', async () => {
    assert.equal(out.DevOnlyOutput, undefined);
    const { StackResourceSummaries } = await cloudFormation(stratus).send(
      new ListStackResourcesCommand({ StackName: 'intrinsics' }),
    );
    const ids = StackResourceSummaries!.map((r) => r.LogicalResourceId).sort();
    assert.deepEqual(ids, ['Role', 'Value', 'WithNoValue']);
  });

  it('removes a property that resolves to AWS::NoValue', () => {
    const resource = stratus.cloudformation.store
      .listResources(
        stratus.cloudformation.store.findStack('000000000000', 'us-east-1', 'intrinsics')!.stackId,
      )
      .find((r) => r.logicalId === 'WithNoValue')!;
    assert.equal('Description' in resource.properties, false);
  });
});
