import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteAuthorizerCommand,
  DeleteGatewayResponseCommand,
  GetAuthorizerCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetResourcesCommand,
  PutGatewayResponseCommand,
  UpdateAuthorizerCommand,
} from '@aws-sdk/client-api-gateway';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { deploy, invokeUrl, putMockMethod } from './helpers.ts';

/** Allows everything and names the API key to meter (usageIdentifierKey) from the token. */
const AUTHORIZER = `
let calls = 0;
exports.handler = async (event) => {
  calls++;
  return {
    principalId: 'p',
    usageIdentifierKey: event.authorizationToken,
    context: { calls },
    policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] },
  };
};`;

const uri = (functionArn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

describe('API Gateway authorizers: control plane, permissions, key source and resource policy', () => {
  let stratus: Stratus;
  let client: APIGatewayClient;
  let lambda: LambdaClient;
  let functionArn: string;

  /** An API with a TOKEN authorizer on GET / (a MOCK that shows `$context.authorizer.calls`). */
  const guardedApi = async (options: {
    policy?: object;
    apiKeySource?: 'HEADER' | 'AUTHORIZER';
    permit?: boolean;
  }) => {
    const api = await client.send(
      new CreateRestApiCommand({
        name: 'guarded',
        policy: options.policy ? JSON.stringify(options.policy) : undefined,
        apiKeySource: options.apiKeySource,
      }),
    );
    const restApiId = api.id!;
    const authorizer = await client.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: 'token',
        type: 'TOKEN',
        authorizerUri: uri(functionArn),
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 0,
      }),
    );
    if (options.permit !== false) {
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: 'authorizer',
          StatementId: `${restApiId}-${authorizer.id}`,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/authorizers/${authorizer.id}`,
        }),
      );
    }
    const root = (await client.send(new GetResourcesCommand({ restApiId }))).items![0]!.id!;
    const target = { restApiId, resourceId: root, httpMethod: 'GET' };
    await putMockMethod(client, target, {
      template: '{"calls":"$context.authorizer.calls","keyId":"$context.identity.apiKeyId"}',
      authorizationType: 'CUSTOM',
      authorizerId: authorizer.id!,
      apiKeyRequired: options.apiKeySource === 'AUTHORIZER',
    });
    await deploy(client, restApiId, 'prod');
    return { restApiId, authorizerId: authorizer.id! };
  };

  before(async () => {
    stratus = await startStratus();
    client = new APIGatewayClient(clientConfig(stratus));
    lambda = new LambdaClient(clientConfig(stratus));
    functionArn = (
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'authorizer',
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::000000000000:role/authorizer',
          Code: { ZipFile: zipSync({ 'index.js': strToU8(AUTHORIZER) }) },
        }),
      )
    ).FunctionArn!;
  });
  after(() => stratus.stop());

  it('creates, reads, updates and deletes authorizers, refusing what AWS refuses', async () => {
    const { id: restApiId } = await client.send(new CreateRestApiCommand({ name: 'control' }));
    await assert.rejects(
      client.send(
        new CreateAuthorizerCommand({ restApiId, name: 'x', type: 'TOKEN', authorizerUri: uri(functionArn) }),
      ),
      { name: 'BadRequestException' },
      'a TOKEN authorizer needs a header identity source',
    );
    await assert.rejects(
      client.send(new CreateAuthorizerCommand({ restApiId, name: 'x', type: 'COGNITO_USER_POOLS' })),
      { name: 'BadRequestException' },
    );
    const created = await client.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: 'pools',
        type: 'COGNITO_USER_POOLS',
        providerARNs: ['arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc'],
        identitySource: 'method.request.header.Authorization',
      }),
    );
    assert.equal(created.authorizerResultTtlInSeconds, 300);
    assert.equal(created.authType, 'cognito_user_pools');
    const updated = await client.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId: created.id!,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'users' },
          { op: 'replace', path: '/authorizerResultTtlInSeconds', value: '60' },
        ],
      }),
    );
    assert.equal(updated.name, 'users');
    assert.equal(updated.authorizerResultTtlInSeconds, 60);
    await client.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: created.id! }));
    await assert.rejects(client.send(new GetAuthorizerCommand({ restApiId, authorizerId: created.id! })), {
      name: 'NotFoundException',
      message: 'Invalid Authorizer identifier specified',
    });
  });

  it('refuses to delete an authorizer a method uses', async () => {
    const { restApiId, authorizerId } = await guardedApi({});
    await assert.rejects(client.send(new DeleteAuthorizerCommand({ restApiId, authorizerId })), {
      name: 'ConflictException',
    });
  });

  it('answers 500 AuthorizerConfigurationException when API Gateway may not invoke the authorizer', async () => {
    const { restApiId } = await guardedApi({ permit: false });
    const response = await fetch(invokeUrl(stratus, restApiId, 'prod'), { headers: { authorization: 't' } });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('x-amzn-errortype'), 'AuthorizerConfigurationException');
  });

  it("meters the key the authorizer names when the API's key source is AUTHORIZER", async () => {
    const { restApiId } = await guardedApi({ apiKeySource: 'AUTHORIZER' });
    const key = await client.send(new CreateApiKeyCommand({ name: 'tenant', enabled: true }));
    const plan = await client.send(
      new CreateUsagePlanCommand({ name: 'tenants', apiStages: [{ apiId: restApiId, stage: 'prod' }] }),
    );
    await client.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY' }),
    );
    const call = (token: string) =>
      fetch(invokeUrl(stratus, restApiId, 'prod'), { headers: { authorization: token } });
    const served = await call(key.value!);
    assert.equal(served.status, 200);
    assert.equal(((await served.json()) as { keyId: string }).keyId, key.id);
    assert.equal((await call('not-a-key-0123456789')).status, 403);
  });

  it('refuses what the resource policy denies before asking the authorizer', async () => {
    const { restApiId } = await guardedApi({
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        ],
      },
    });
    const before = await guardedApi({});
    const call = (id: string) => fetch(invokeUrl(stratus, id, 'prod'), { headers: { authorization: 't' } });
    const calls = async () =>
      Number(((await (await call(before.restApiId)).json()) as { calls: string }).calls);
    const first = await calls();
    const denied = await call(restApiId);
    assert.equal(denied.status, 403);
    assert.match(
      ((await denied.json()) as { Message: string }).Message,
      /^User: anonymous is not authorized .* with an explicit deny$/,
    );
    assert.equal(await calls(), first + 1, 'the authorizer ran only for the allowed API');
  });

  it('applies changed authorizers only when the API is deployed again', async () => {
    const { restApiId, authorizerId } = await guardedApi({});
    await client.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId,
        patchOperations: [{ op: 'replace', path: '/identitySource', value: 'method.request.header.X-Token' }],
      }),
    );
    const call = (headers: Record<string, string>) =>
      fetch(invokeUrl(stratus, restApiId, 'prod'), { headers });
    assert.equal(
      (await call({ authorization: 't' })).status,
      200,
      'the deployed authorizer still reads Authorization',
    );
    assert.equal((await call({ 'x-token': 't' })).status, 401);
    await deploy(client, restApiId, 'prod');
    assert.equal((await call({ 'x-token': 't' })).status, 200);
    assert.equal((await call({ authorization: 't' })).status, 401);
  });

  it("answers with the API's customized gateway responses once deployed, falling back to DEFAULT_4XX", async () => {
    const { restApiId } = await guardedApi({ apiKeySource: 'AUTHORIZER' });
    const defaults = await client.send(
      new GetGatewayResponseCommand({ restApiId, responseType: 'INVALID_API_KEY' }),
    );
    assert.equal(defaults.defaultResponse, true);
    assert.equal(defaults.statusCode, '403');
    await client.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'INVALID_API_KEY',
        statusCode: '401',
        responseParameters: { 'gatewayresponse.header.x-origin': 'method.request.header.origin' },
        responseTemplates: {
          'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType"}',
        },
      }),
    );
    await client.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'DEFAULT_4XX',
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      }),
    );
    const invalid = () =>
      fetch(invokeUrl(stratus, restApiId, 'prod'), {
        headers: { authorization: 'no-such-key-0123456789', origin: 'https://app.example' },
      });
    assert.equal((await invalid()).status, 403, 'not deployed yet: the default answer');
    await deploy(client, restApiId, 'prod');
    const invalidKey = await invalid();
    assert.equal(invalidKey.status, 401);
    assert.equal(invalidKey.headers.get('x-origin'), 'https://app.example');
    assert.equal(invalidKey.headers.get('access-control-allow-origin'), null, 'the specific response wins');
    assert.deepEqual(await invalidKey.json(), { error: 'Forbidden', type: 'INVALID_API_KEY' });
    const unknownPath = await fetch(invokeUrl(stratus, restApiId, 'prod', '/nowhere'));
    assert.equal(unknownPath.status, 403);
    assert.equal(unknownPath.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await unknownPath.json(), { message: 'Missing Authentication Token' });
    const listed = await client.send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }));
    assert.equal(listed.items?.filter((r) => !r.defaultResponse).length, 2);
    await client.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'INVALID_API_KEY' }));
    await deploy(client, restApiId, 'prod');
    const restored = await fetch(invokeUrl(stratus, restApiId, 'prod'), { headers: { authorization: 'x' } });
    assert.equal(restored.status, 403);
    assert.equal(restored.headers.get('access-control-allow-origin'), '*');
  });
});
