import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createApiWithPaths, invokeUrl, requestWithHost } from './helpers.ts';

/** Echoes the event, or misbehaves as the path asks. */
const HANDLER = `
exports.handler = async (event) => {
  switch (event.path) {
    case '/malformed': return { statusCode: 200, body: 'x', unexpected: true };
    case '/throws': throw new Error('boom');
    case '/timeout': await new Promise((resolve) => setTimeout(resolve, 2500)); return { statusCode: 200 };
    case '/binary':
      return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, isBase64Encoded: true,
        body: Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64') };
  }
  return {
    statusCode: 201,
    headers: { 'X-Echo': 'yes' },
    multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
    body: JSON.stringify(event),
  };
};`;

function zip(source: string): Uint8Array {
  return zipSync({ 'index.js': strToU8(source) });
}

describe('API Gateway Lambda proxy integration', () => {
  let stratus: Stratus;
  let apigw: APIGatewayClient;
  let lambda: LambdaClient;
  let apiId: string;

  const createFunction = async (name: string, timeout = 10) =>
    (
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::000000000000:role/lambda-role',
          Code: { ZipFile: zip(HANDLER) },
          Timeout: timeout,
        }),
      )
    ).FunctionArn!;

  const proxyMethod = async (resourceId: string, functionArn: string, timeoutInMillis?: number) => {
    const target = { restApiId: apiId, resourceId, httpMethod: 'ANY' };
    await apigw.send(new PutMethodCommand({ ...target, authorizationType: 'NONE' }));
    await apigw.send(
      new PutIntegrationCommand({
        ...target,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
        timeoutInMillis,
      }),
    );
  };

  before(async () => {
    stratus = await startStratus();
    apigw = new APIGatewayClient(clientConfig(stratus));
    lambda = new LambdaClient(clientConfig(stratus));
    const echo = await createFunction('echo');
    const unpermitted = await createFunction('unpermitted');
    const api = await createApiWithPaths(apigw, 'lambda-api', ['/{proxy+}', '/forbidden', '/timeout'], {
      binaryMediaTypes: ['image/png'],
    });
    apiId = api.apiId;
    await proxyMethod(api.ids['/{proxy+}']!, echo);
    await proxyMethod(api.ids['/forbidden']!, unpermitted);
    await proxyMethod(api.ids['/timeout']!, echo, 1000);
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'echo',
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*/*/*`,
      }),
    );
    await apigw.send(
      new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', variables: { color: 'blue' } }),
    );
  });
  after(() => stratus.stop());

  it('hands the function the version 1.0 proxy event', async () => {
    const response = await fetch(`${invokeUrl(stratus, apiId, 'dev', '/items/42')}?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'v', 'user-agent': 'stratus-test' },
      body: '{"hello":"world"}',
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-echo'), 'yes');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    const event = (await response.json()) as Record<string, any>;
    assert.equal(event.resource, '/{proxy+}');
    assert.equal(event.path, '/items/42');
    assert.equal(event.httpMethod, 'POST');
    assert.equal(event.headers['content-type'], 'application/json');
    assert.equal(event.headers['User-Agent'], 'stratus-test');
    assert.equal(event.headers['content-length'], undefined);
    assert.deepEqual(event.multiValueHeaders['x-custom'], ['v']);
    assert.match(event.headers['X-Amzn-Trace-Id'], /^Root=1-/);
    assert.deepEqual(event.queryStringParameters, { a: '2', b: 'x' });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'], b: ['x'] });
    assert.deepEqual(event.pathParameters, { proxy: 'items/42' });
    assert.deepEqual(event.stageVariables, { color: 'blue' });
    assert.equal(event.body, '{"hello":"world"}');
    assert.equal(event.isBase64Encoded, false);
    const context = event.requestContext;
    assert.equal(context.resourcePath, '/{proxy+}');
    assert.equal(context.httpMethod, 'POST');
    assert.equal(context.path, '/dev/items/42');
    assert.equal(context.stage, 'dev');
    assert.equal(context.accountId, '000000000000');
    assert.equal(context.apiId, apiId);
    assert.equal(context.protocol, 'HTTP/1.1');
    assert.equal(context.requestId, response.headers.get('x-amzn-requestid'));
    assert.equal(context.extendedRequestId, response.headers.get('x-amz-apigw-id'));
    assert.match(context.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(typeof context.requestTimeEpoch, 'number');
    assert.equal(context.identity.sourceIp, '127.0.0.1');
    assert.equal(context.identity.userAgent, 'stratus-test');
    assert.equal(context.identity.cognitoIdentityId, null);
  });

  it('sends nulls for an empty query, body and stage-less maps, also over host-style URLs', async () => {
    const answer = await requestWithHost(stratus, `${apiId}.execute-api.localhost`, '/dev/plain');
    assert.equal(answer.status, 201);
    const event = JSON.parse(answer.body);
    assert.equal(event.queryStringParameters, null);
    assert.equal(event.multiValueQueryStringParameters, null);
    assert.equal(event.body, null);
    assert.equal(event.requestContext.domainName, `${apiId}.execute-api.localhost`);
    assert.equal(event.requestContext.domainPrefix, apiId);
  });

  it('base64-encodes binary media types both ways', async () => {
    const response = await fetch(invokeUrl(stratus, apiId, 'dev', '/upload'), {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([1, 2, 3, 250]),
    });
    const event = (await response.json()) as { body: string; isBase64Encoded: boolean };
    assert.equal(event.isBase64Encoded, true);
    assert.deepEqual([...Buffer.from(event.body, 'base64')], [1, 2, 3, 250]);
    const image = await fetch(invokeUrl(stratus, apiId, 'dev', '/binary'), {
      headers: { accept: 'image/png' },
    });
    assert.deepEqual([...Buffer.from(await image.arrayBuffer())], [137, 80, 78, 71, 0, 255]);
    const text = await fetch(invokeUrl(stratus, apiId, 'dev', '/binary'), {
      headers: { accept: 'text/plain' },
    });
    assert.equal(await text.text(), Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64'));
  });

  it('answers 502 for a malformed proxy response or a failed function', async () => {
    for (const path of ['/malformed', '/throws']) {
      const response = await fetch(invokeUrl(stratus, apiId, 'dev', path));
      assert.equal(response.status, 502, path);
      assert.equal(response.headers.get('x-amzn-errortype'), 'InternalServerErrorException');
      assert.equal(await response.text(), '{"message": "Internal server error"}');
    }
  });

  it('answers 500 when the function has no permission for API Gateway', async () => {
    const response = await fetch(invokeUrl(stratus, apiId, 'dev', '/forbidden'));
    assert.equal(response.status, 500);
    assert.equal(await response.text(), '{"message": "Internal server error"}');
  });

  it('answers 500 when Lambda throttles the function, as AWS does behind a proxy', async () => {
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'echo', ReservedConcurrentExecutions: 0 }),
    );
    try {
      const response = await fetch(invokeUrl(stratus, apiId, 'dev', '/throttled'));
      assert.equal(response.status, 500);
      assert.equal(await response.text(), '{"message": "Internal server error"}');
    } finally {
      await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'echo' }));
    }
    assert.equal((await fetch(invokeUrl(stratus, apiId, 'dev', '/throttled'))).status, 201);
  });

  it("answers 504 when the function outlives the integration's timeout", async () => {
    const response = await fetch(invokeUrl(stratus, apiId, 'dev', '/timeout'), { method: 'POST', body: 'x' });
    assert.equal(response.status, 504);
    assert.equal(await response.text(), '{"message": "Endpoint request timed out"}');
  });
});
