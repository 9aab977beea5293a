import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AlreadyExistsException,
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsError } from '../../src/protocol/errors.ts';
import { decodeRequest, encodeError, encodeResponse } from '../../src/protocol/index.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { request, sdkConfig, startWireServer, type WireServer } from './wire-server.ts';

const cfnModel = loadModel('cloudformation');
const stsModel = loadModel('sts');
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

describe('query: CloudFormation through the AWS SDK', () => {
  let server: WireServer;
  let cfn: CloudFormationClient;
  before(async () => {
    server = await startWireServer(cfnModel);
    cfn = new CloudFormationClient(sdkConfig(server));
  });
  after(async () => {
    cfn.destroy();
    await server.close();
  });

  it('decodes DescribeStacks and the SDK reads nested lists, enums and timestamps from the XML', async () => {
    server.answer = () => ({
      Stacks: [
        {
          StackName: 'app',
          StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
          CreationTime: new Date('2024-03-01T12:00:00.250Z'),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'Url', OutputValue: 'http://x/<y>&z' }],
          Tags: [],
          Capabilities: ['CAPABILITY_IAM'],
        },
      ],
    });
    const result = await cfn.send(new DescribeStacksCommand({ StackName: 'app' }));
    assert.deepEqual(server.seen.at(-1)?.decoded, {
      operation: 'DescribeStacks',
      input: { StackName: 'app' },
    });
    const stack = result.Stacks![0];
    assert.equal(stack.StackName, 'app');
    assert.equal(stack.CreationTime?.toISOString(), '2024-03-01T12:00:00.250Z');
    assert.equal(stack.Outputs?.[0].OutputValue, 'http://x/<y>&z');
    assert.deepEqual(stack.Capabilities, ['CAPABILITY_IAM']);
  });

  it('decodes lists of structures, lists of enums and booleans from CreateStack', async () => {
    server.answer = () => ({ StackId: 'arn:stack/x' });
    const result = await cfn.send(
      new CreateStackCommand({
        StackName: 'x',
        TemplateBody: '{"Resources":{}}',
        Parameters: [
          { ParameterKey: 'A', ParameterValue: '1' },
          { ParameterKey: 'B', UsePreviousValue: true },
        ],
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        Tags: [{ Key: 'team', Value: 'core' }],
        TimeoutInMinutes: 5,
      }),
    );
    assert.equal(result.StackId, 'arn:stack/x');
    assert.deepEqual(server.seen.at(-1)?.decoded?.input, {
      StackName: 'x',
      TemplateBody: '{"Resources":{}}',
      Parameters: [
        { ParameterKey: 'A', ParameterValue: '1' },
        { ParameterKey: 'B', UsePreviousValue: true },
      ],
      TimeoutInMinutes: 5,
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Tags: [{ Key: 'team', Value: 'core' }],
    });
  });

  it('encodes ValidationError and modelled errors as <ErrorResponse> the SDK understands', async () => {
    server.answer = () => {
      throw new AwsError('ValidationError', 'Stack with id nope does not exist');
    };
    const error = await cfn.send(new DescribeStacksCommand({ StackName: 'nope' })).catch((e) => e);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.message, 'Stack with id nope does not exist');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.$fault, 'client');

    server.answer = () => {
      throw new AwsError('AlreadyExistsException', 'Stack [x] already exists');
    };
    const exists = await cfn.send(new CreateStackCommand({ StackName: 'x' })).catch((e) => e);
    assert.ok(exists instanceof AlreadyExistsException);
    assert.equal(exists.message, 'Stack [x] already exists');
  });
});

describe('query: STS and IAM through the AWS SDK', () => {
  let sts: WireServer;
  let iam: WireServer;
  let stsClient: STSClient;
  let iamClient: IAMClient;
  before(async () => {
    sts = await startWireServer(stsModel);
    iam = await startWireServer(loadModel('iam'));
    stsClient = new STSClient(sdkConfig(sts));
    iamClient = new IAMClient(sdkConfig(iam));
  });
  after(async () => {
    stsClient.destroy();
    iamClient.destroy();
    await sts.close();
    await iam.close();
  });

  it('decodes AssumeRole and the SDK reads the credentials with their expiration', async () => {
    sts.answer = () => ({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date('2030-01-01T00:00:00Z'),
      },
      AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::000000000000:assumed-role/r/s' },
      PackedPolicySize: 6,
    });
    const result = await stsClient.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: 'session-1',
        DurationSeconds: 900,
        Tags: [{ Key: 'k', Value: 'v' }],
        TransitiveTagKeys: ['k'],
      }),
    );
    assert.deepEqual(sts.seen.at(-1)?.decoded, {
      operation: 'AssumeRole',
      input: {
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        RoleSessionName: 'session-1',
        DurationSeconds: 900,
        Tags: [{ Key: 'k', Value: 'v' }],
        TransitiveTagKeys: ['k'],
      },
    });
    assert.equal(result.Credentials?.AccessKeyId, 'ASIAEXAMPLE');
    assert.equal(result.Credentials?.Expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(result.PackedPolicySize, 6);
    const identity = await stsClient.send(new GetCallerIdentityCommand({}));
    assert.equal(sts.seen.at(-1)?.decoded?.operation, 'GetCallerIdentity');
    assert.equal(identity.$metadata.httpStatusCode, 200);
  });

  it('answers a constraint violation with ValidationError in AWS’s words', async () => {
    const error = await stsClient
      .send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 'a' }))
      .catch((e) => e);
    assert.equal(error.name, 'ValidationError');
    assert.equal(
      error.message,
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('writes the wire code of a modelled error (IAM NoSuchEntityException is NoSuchEntity)', async () => {
    iam.answer = () => {
      throw new AwsError('NoSuchEntityException', 'The role with name r cannot be found.', { status: 404 });
    };
    const error = await iamClient.send(new GetRoleCommand({ RoleName: 'r' })).catch((e) => e);
    assert.ok(error instanceof NoSuchEntityException);
    assert.equal(error.message, 'The role with name r cannot be found.');
    assert.equal(error.$metadata.httpStatusCode, 404);
    const response = encodeError(
      loadModel('iam'),
      new AwsError('NoSuchEntityException', 'x', { status: 404 }),
      {
        requestId: 'r',
      },
    );
    assert.match(String(response.body), /<Code>NoSuchEntity<\/Code>/);
  });
});

describe('query: decoding and encoding', () => {
  it('reads parameters from the query string as well as the form body, and empty lists', () => {
    const decoded = decodeRequest(
      cfnModel,
      request({
        url: '/?Action=UpdateStack&Version=2010-05-15',
        headers: form,
        body: 'StackName=s&UsePreviousTemplate=true&Capabilities=&NotificationARNs.member.1=arn%3Aa',
      }),
    );
    assert.deepEqual(decoded, {
      operation: 'UpdateStack',
      input: { StackName: 's', UsePreviousTemplate: true, Capabilities: [], NotificationARNs: ['arn:a'] },
    });
  });

  it('reads maps as entry.N.key/value (SNS attributes)', () => {
    const decoded = decodeRequest(
      loadModel('sns'),
      request({
        headers: form,
        body: 'Action=CreateTopic&Name=t&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Hi&Attributes.entry.2.key=FifoTopic&Attributes.entry.2.value=false',
      }),
    );
    assert.deepEqual(decoded.input, { Name: 't', Attributes: { DisplayName: 'Hi', FifoTopic: 'false' } });
  });

  it('refuses a missing or unknown Action, and values of the wrong type', () => {
    const code = (body: string) => {
      try {
        decodeRequest(stsModel, request({ headers: form, body }));
        return 'ok';
      } catch (e) {
        return e instanceof AwsError ? `${e.status} ${e.code}: ${e.message}` : 'crash';
      }
    };
    assert.equal(code('Version=2011-06-15'), '400 MissingAction: Missing Action');
    assert.equal(
      code('Action=Nope'),
      '400 InvalidAction: The action Nope is not valid for this web service.',
    );
    assert.match(code('Action=GetSessionToken&DurationSeconds=soon'), /^400 MalformedInput: /);
  });

  it('wraps output in <OpResult> and <ResponseMetadata>, lists in <member>, XML-escaped', () => {
    const response = encodeResponse(
      cfnModel,
      'ListStacks',
      { StackSummaries: [{ StackName: 'a&b', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(0) }] },
      { requestId: 'req-1' },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers?.['content-type'], 'text/xml');
    assert.equal(
      response.body,
      '<ListStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><ListStacksResult>' +
        '<StackSummaries><member><StackName>a&amp;b</StackName><CreationTime>1970-01-01T00:00:00.000Z</CreationTime>' +
        '<StackStatus>CREATE_COMPLETE</StackStatus></member></StackSummaries></ListStacksResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListStacksResponse>',
    );
  });

  it('writes <ErrorResponse> with Type, Code, Message, extra fields and the request id', () => {
    const response = encodeError(
      stsModel,
      new AwsError('Throttling', 'Rate exceeded', { status: 503, fields: { RetryAfter: 3 } }),
      { requestId: 'req-2' },
    );
    assert.equal(response.status, 503);
    assert.equal(response.headers?.['x-amzn-RequestId'], 'req-2');
    assert.equal(
      response.body,
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Receiver</Type>' +
        '<Code>Throttling</Code><Message>Rate exceeded</Message><RetryAfter>3</RetryAfter></Error>' +
        '<RequestId>req-2</RequestId></ErrorResponse>',
    );
  });

  it('answers an unknown service in the Query XML shape when the request is not JSON', () => {
    const response = encodeError(undefined, new AwsError('UnknownServiceException', 'nope'), {
      requestId: 'r',
      request: request({ headers: form }),
    });
    assert.match(
      String(response.body),
      /^<ErrorResponse><Error><Type>Sender<\/Type><Code>UnknownServiceException<\/Code>/,
    );
  });
});
