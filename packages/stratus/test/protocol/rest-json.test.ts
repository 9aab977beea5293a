import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  GetRestApiCommand,
  NotFoundException,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { AwsError } from '../../src/protocol/errors.ts';
import { decodeRequest, encodeError, encodeResponse } from '../../src/protocol/index.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { request, sdkConfig, startWireServer, type WireServer } from './wire-server.ts';

const lambdaModel = loadModel('lambda');
const apigatewayModel = loadModel('apigateway');

describe('rest-json: Lambda through the AWS SDK', () => {
  let server: WireServer;
  let lambda: LambdaClient;
  before(async () => {
    server = await startWireServer(lambdaModel);
    lambda = new LambdaClient(sdkConfig(server));
  });
  after(async () => {
    lambda.destroy();
    await server.close();
  });

  it('decodes Invoke with payload, qualifier and headers, and the SDK reads the raw payload answer', async () => {
    server.answer = () => ({
      StatusCode: 200,
      Payload: Buffer.from('{"ok":true}'),
      FunctionError: 'Unhandled',
      LogResult: Buffer.from('log line').toString('base64'),
      ExecutedVersion: '3',
    });
    const clientContext = Buffer.from('{"custom":{"a":1}}').toString('base64');
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:my-fn',
        Qualifier: 'live',
        Payload: Buffer.from('{"hello":"world"}'),
        LogType: 'Tail',
        ClientContext: clientContext,
      }),
    );
    const decoded = server.seen.at(-1)!.decoded!;
    assert.equal(decoded.operation, 'Invoke');
    assert.equal(decoded.input.FunctionName, 'arn:aws:lambda:us-east-1:000000000000:function:my-fn');
    assert.equal(decoded.input.Qualifier, 'live');
    assert.equal(decoded.input.LogType, 'Tail');
    assert.equal(decoded.input.ClientContext, clientContext);
    assert.ok(Buffer.isBuffer(decoded.input.Payload));
    assert.equal((decoded.input.Payload as Buffer).toString(), '{"hello":"world"}');
    assert.equal(result.StatusCode, 200);
    assert.equal(result.FunctionError, 'Unhandled');
    assert.equal(result.ExecutedVersion, '3');
    assert.equal(Buffer.from(result.LogResult!, 'base64').toString(), 'log line');
    assert.equal(Buffer.from(result.Payload!).toString(), '{"ok":true}');
  });

  it('answers with the status code member (202 for an Event invocation)', async () => {
    server.answer = () => ({ StatusCode: 202 });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'fn', InvocationType: 'Event' }));
    assert.equal(server.seen.at(-1)?.decoded?.input.InvocationType, 'Event');
    assert.equal(result.$metadata.httpStatusCode, 202);
    assert.equal(result.StatusCode, 202);
  });

  it('reads a JSON body with nested blobs and maps, and answers 201 with the output', async () => {
    server.answer = () => ({
      FunctionName: 'fn',
      Runtime: 'nodejs22.x',
      Timeout: 30,
      LastModified: '2024-01-01T00:00:00.000+0000',
      Environment: { Variables: { AB: '1' } },
    });
    const result = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'fn',
        Role: 'arn:aws:iam::000000000000:role/r',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: Buffer.from('PK zip bytes') },
        Timeout: 30,
        Environment: { Variables: { AB: '1' } },
        Tags: { team: 'x' },
      }),
    );
    const input = server.seen.at(-1)!.decoded!.input as Record<string, any>;
    assert.equal(input.Timeout, 30);
    assert.deepEqual(input.Environment, { Variables: { AB: '1' } });
    assert.equal((input.Code.ZipFile as Buffer).toString(), 'PK zip bytes');
    assert.equal(result.$metadata.httpStatusCode, 201);
    assert.equal(result.Runtime, 'nodejs22.x');
    assert.deepEqual(result.Environment?.Variables, { AB: '1' });
  });

  it('routes GET with query members (ListFunctions MaxItems) and answers 204 without a body', async () => {
    server.answer = () => ({ Functions: [{ FunctionName: 'a' }], NextMarker: 'm2' });
    const listed = await lambda.send(new ListFunctionsCommand({ MaxItems: 5, Marker: 'm1' }));
    assert.deepEqual(server.seen.at(-1)?.decoded, {
      operation: 'ListFunctions',
      input: { MaxItems: 5, Marker: 'm1' },
    });
    assert.equal(listed.Functions?.[0].FunctionName, 'a');
    assert.equal(listed.NextMarker, 'm2');
    server.answer = () => ({});
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'a', Qualifier: '1' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
  });

  it('encodes errors the SDK turns into its typed exceptions, with Type, message and extra fields', async () => {
    server.answer = () => {
      throw new AwsError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:fn', {
        status: 404,
      });
    };
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn' })).catch((e) => e);
    assert.ok(error instanceof ResourceNotFoundException);
    assert.equal(error.message, 'Function not found: arn:aws:lambda:fn');
    assert.equal(error.Type, 'User');
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.ok(error.$metadata.requestId);

    server.answer = () => {
      throw new AwsError('TooManyRequestsException', 'Rate exceeded', {
        status: 429,
        fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
        headers: { 'Retry-After': '2' },
      });
    };
    const throttled = await lambda.send(new InvokeCommand({ FunctionName: 'fn' })).catch((e) => e);
    assert.ok(throttled instanceof TooManyRequestsException);
    assert.equal(throttled.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    assert.equal(throttled.retryAfterSeconds, '2');
    assert.equal(throttled.message, 'Rate exceeded');
  });

  it('refuses inputs that break the model with a ValidationException before the operation runs', async () => {
    let ran = false;
    server.answer = () => {
      ran = true;
      return {};
    };
    const error = await lambda
      .send(new GetFunctionCommand({ FunctionName: 'a'.repeat(171) }))
      .catch((e) => e);
    assert.equal(ran, false);
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(
      error.message,
      `1 validation error detected: Value '${'a'.repeat(171)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 170`,
    );
  });

  it('answers an unknown path with 404 UnknownOperationException, and bad JSON with Lambda’s own error', async () => {
    const unknown = await fetch(`${server.endpoint}/2015-03-31/nothing-here`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    const bad = await fetch(`${server.endpoint}/2015-03-31/functions`, {
      method: 'POST',
      body: '{"FunctionName":',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidRequestContentException');
    const body = (await bad.json()) as Record<string, string>;
    assert.equal(body.Type, 'User');
    assert.match(body.message, /^Could not parse request body into json: /);
  });
});

describe('rest-json: API Gateway through the AWS SDK', () => {
  let server: WireServer;
  let client: APIGatewayClient;
  before(async () => {
    server = await startWireServer(apigatewayModel);
    client = new APIGatewayClient(sdkConfig(server));
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  it('decodes PutMethod from URI labels and the JSON body, and the SDK reads the 201 answer', async () => {
    server.answer = (decoded) => ({
      httpMethod: decoded.input.httpMethod,
      authorizationType: 'NONE',
      apiKeyRequired: false,
      requestParameters: { 'method.request.path.id': true },
    });
    const result = await client.send(
      new PutMethodCommand({
        restApiId: 'abc123',
        resourceId: 'res1',
        httpMethod: 'GET',
        authorizationType: 'NONE',
        requestParameters: { 'method.request.path.id': true },
      }),
    );
    assert.deepEqual(server.seen.at(-1)?.decoded, {
      operation: 'PutMethod',
      input: {
        restApiId: 'abc123',
        resourceId: 'res1',
        httpMethod: 'GET',
        authorizationType: 'NONE',
        requestParameters: { 'method.request.path.id': true },
      },
    });
    assert.equal(result.$metadata.httpStatusCode, 201);
    assert.equal(result.apiKeyRequired, false);
    assert.deepEqual(result.requestParameters, { 'method.request.path.id': true });
  });

  it('turns errors into typed exceptions with the lower-case message member', async () => {
    server.answer = () => {
      throw new AwsError('NotFoundException', 'Invalid API identifier specified 000000000000:nope', {
        status: 404,
      });
    };
    const error = await client.send(new GetRestApiCommand({ restApiId: 'nope' })).catch((e) => e);
    assert.ok(error instanceof NotFoundException);
    assert.equal(error.message, 'Invalid API identifier specified 000000000000:nope');
    assert.equal(error.$metadata.httpStatusCode, 404);
  });

  it('writes timestamps in the body as epoch seconds', () => {
    const response = encodeResponse(
      apigatewayModel,
      'GetRestApi',
      { id: 'abc', name: 'api', createdDate: new Date('2024-05-01T10:00:00.500Z') },
      { requestId: 'r1' },
    );
    assert.deepEqual(JSON.parse(String(response.body)), {
      id: 'abc',
      name: 'api',
      createdDate: 1714557600.5,
    });
    assert.equal(response.headers?.['x-amzn-RequestId'], 'r1');
  });
});

describe('rest-json: routing and bindings', () => {
  it('picks the most specific route and decodes percent-encoded labels', () => {
    const decoded = decodeRequest(
      lambdaModel,
      request({
        method: 'GET',
        url: '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afn/policy',
      }),
    );
    assert.equal(decoded.operation, 'GetPolicy');
    assert.equal(decoded.input.FunctionName, 'arn:aws:lambda:us-east-1:000000000000:function:fn');
    const config = decodeRequest(
      lambdaModel,
      request({ method: 'GET', url: '/2015-03-31/functions/fn/configuration' }),
    );
    assert.equal(config.operation, 'GetFunctionConfiguration');
    const resource = decodeRequest(
      apigatewayModel,
      request({ method: 'GET', url: '/restapis/a1/resources/r1' }),
    );
    assert.deepEqual(resource, { operation: 'GetResource', input: { restApiId: 'a1', resourceId: 'r1' } });
    const api = decodeRequest(apigatewayModel, request({ method: 'GET', url: '/restapis/a1/' }));
    assert.deepEqual(api, { operation: 'GetRestApi', input: { restApiId: 'a1' } });
  });

  it('refuses a query value of the wrong type', () => {
    assert.throws(
      () =>
        decodeRequest(lambdaModel, request({ method: 'GET', url: '/2015-03-31/functions/?MaxItems=lots' })),
      (e: unknown) => e instanceof AwsError && e.code === 'SerializationException' && e.status === 400,
    );
  });

  it('encodes unknown-service errors as JSON when the request was JSON', () => {
    const response = encodeError(undefined, new AwsError('UnknownServiceException', 'no such service'), {
      requestId: 'r',
      request: request({ headers: { 'content-type': 'application/x-amz-json-1.1' } }),
    });
    assert.equal(response.status, 400);
    assert.deepEqual(JSON.parse(String(response.body)), {
      __type: 'UnknownServiceException',
      message: 'no such service',
    });
  });
});
