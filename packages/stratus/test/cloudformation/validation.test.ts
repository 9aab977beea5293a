// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateStackCommand, ValidateTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { awsError, cloudFormation, parameter } from './helpers.ts';

describe('CloudFormation template validation', () => {
  let stratus: Stratus;
  before(async () => {
    stratus = await startStratus();
  });
  after(() => stratus.stop());

  /** The error CreateStack answers for a template body, through the SDK. */
  const createError = (body: unknown) =>
    awsError(() =>
      cloudFormation(stratus).send(
        new CreateStackCommand({
          StackName: 'invalid',
          TemplateBody: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    );

  const cases: [string, unknown, string][] = [
    ['bad JSON', '{"Resources": {', 'Template format error: JSON not well-formed. (line 1, column 16)'],
    [
      'no resources',
      { Resources: {} },
      'Template format error: At least one Resources member must be defined.',
    ],
    [
      'a resource without Type',
      { Resources: { A: { Properties: {} } } },
      'Template format error: [/Resources/A] Every Resources object must contain a Type member.',
    ],
    [
      'an unknown intrinsic function',
      { Resources: { A: parameter({ 'Fn::Frobnicate': 'x' }) } },
      'Template format error: Encountered unsupported function: Fn::Frobnicate Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]',
    ],
    [
      'a Ref to nothing',
      { Resources: { A: parameter({ Ref: 'Nowhere' }) } },
      'Template format error: Unresolved resource dependencies [Nowhere] in the Resources block of the template',
    ],
    [
      'a Ref to nothing in Outputs',
      { Resources: { A: parameter('x') }, Outputs: { O: { Value: { Ref: 'Nowhere' } } } },
      'Template format error: Unresolved resource dependencies [Nowhere] in the Outputs block of the template',
    ],
    [
      'an Fn::GetAtt of nothing',
      { Resources: { A: parameter({ 'Fn::GetAtt': ['Nowhere', 'Value'] }) } },
      'Template error: instance of Fn::GetAtt references undefined resource Nowhere',
    ],
    [
      'a Sub variable naming nothing',
      { Resources: { A: parameter({ 'Fn::Sub': '${Nowhere}' }) } },
      'Template format error: Unresolved resource dependencies [Nowhere] in the Resources block of the template',
    ],
    [
      'a DependsOn naming nothing',
      { Resources: { A: { ...parameter('x'), DependsOn: 'Nowhere' } } },
      'Template format error: Unresolved resource dependencies [Nowhere] in the Resources block of the template',
    ],
    [
      'an Fn::If naming no condition',
      { Resources: { A: parameter({ 'Fn::If': ['Nope', 'a', 'b'] }) } },
      'Template error: unresolved condition dependency Nope in Fn::If',
    ],
    [
      'circular dependencies',
      {
        Resources: {
          A: parameter({ Ref: 'B' }),
          B: parameter({ 'Fn::GetAtt': ['C', 'Value'] }),
          C: { ...parameter('c'), DependsOn: 'A' },
          D: parameter('independent'),
        },
      },
      'Circular dependency between resources: [A, B, C]',
    ],
    [
      'a missing required parameter',
      { Parameters: { Needed: { Type: 'String' } }, Resources: { A: parameter({ Ref: 'Needed' }) } },
      'Parameters: [Needed] must have values',
    ],
    [
      'a null value',
      { Resources: { A: parameter(null) } },
      "[/Resources/A/Properties/Value] 'null' values are not allowed in templates",
    ],
  ];

  for (const [what, body, message] of cases) {
    it(`refuses ${what} with ValidationError`, async () => {
      const error = await createError(body);
      assert.equal(error.name, 'ValidationError');
      assert.equal(error.status, 400);
      assert.equal(error.message, message);
    });
  }

  it('refuses a resource type without a provider, naming the type and the logical id', async () => {
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        Fine: parameter('x'),
        Custom: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn' } },
      },
    };
    const error = await awsError(() =>
      stratus.cloudformation.deployTemplate(template, { stackName: 'unsupported' }),
    );
    assert.equal(error.name, 'ValidationError');
    assert.equal(
      error.message,
      "Stratus has no provider for these resources' types, so it cannot deploy them: Queue (AWS::SQS::Queue), Custom (Custom::Thing).",
    );
    assert.equal(
      stratus.cloudformation.store.findStack('000000000000', 'us-east-1', 'unsupported'),
      undefined,
    );
  });

  it('validates templates and reports parameters and capabilities (ValidateTemplate)', async () => {
    const template = {
      Description: 'checked',
      Parameters: {
        Stage: { Type: 'String', Default: 'dev', Description: 'where' },
        Key: { Type: 'String', NoEcho: true },
      },
      Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
    };
    const result = await cloudFormation(stratus).send(
      new ValidateTemplateCommand({ TemplateBody: JSON.stringify(template) }),
    );
    assert.equal(result.Description, 'checked');
    assert.deepEqual(result.Parameters, [
      { ParameterKey: 'Stage', DefaultValue: 'dev', NoEcho: false, Description: 'where' },
      { ParameterKey: 'Key', NoEcho: true },
    ]);
    assert.deepEqual(result.Capabilities, ['CAPABILITY_IAM']);
    assert.equal(
      result.CapabilitiesReason,
      'The following resource(s) require capabilities: [AWS::IAM::Role]',
    );
    const error = await awsError(() =>
      cloudFormation(stratus).send(
        new ValidateTemplateCommand({ TemplateBody: '{"Resources": {"A": {"Type": "X", "Bogus": 1}}}' }),
      ),
    );
    assert.equal(error.message, "Invalid template resource property 'Bogus'");
  });

  it('keeps serving after invalid templates', async () => {
    const stack = await stratus.cloudformation.deployTemplate(
      { Resources: { A: parameter('ok') } },
      { stackName: 'after' },
    );
    assert.equal(stack.status, 'CREATE_COMPLETE');
  });
});
