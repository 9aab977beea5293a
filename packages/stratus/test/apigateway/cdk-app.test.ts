import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetStageCommand,
} from '@aws-sdk/client-api-gateway';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { invokeUrl, requestWithHost } from './helpers.ts';

const HANDLER =
  'exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ resource: e.resource, path: e.path, params: e.pathParameters }) })';

/**
 * The template CDK synthesizes for a LambdaRestApi with CORS (and, in v2, a RestApi-style
 * resource with a path parameter). The function's role is imported so the template needs no IAM.
 */
function synthesize(version: 1 | 2): object {
  const app = new App();
  const stack = new Stack(app, 'Shop', { env: { account: '000000000000', region: 'us-east-1' } });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(HANDLER),
    role: iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::000000000000:role/handler'),
  });
  const api = new apigw.LambdaRestApi(stack, 'Api', {
    handler,
    proxy: version === 1,
    cloudWatchRole: false,
    deployOptions: { variables: { version: String(version) } },
    defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS },
  });
  if (version === 2) api.root.addResource('orders').addResource('{orderId}').addMethod('GET');
  return Template.fromStack(stack).toJSON();
}

describe('a CDK LambdaRestApi deployed through CloudFormation', () => {
  let stratus: Stratus;
  let client: APIGatewayClient;
  let apiId: string;

  before(async () => {
    stratus = await startStratus();
    client = new APIGatewayClient(clientConfig(stratus));
    const stack = await stratus.cloudformation.deployTemplate(synthesize(1), {
      stackName: 'Shop',
      region: 'us-east-1',
    });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    apiId = /^https:\/\/([a-z0-9]+)\.execute-api\.us-east-1\./.exec(
      String(stack.outputs[0]?.OutputValue),
    )![1]!;
  });
  after(() => stratus.stop());

  it('serves the greedy proxy, the root and the CORS preflight', async () => {
    const root = await fetch(invokeUrl(stratus, apiId, 'prod'));
    assert.deepEqual(await root.json(), { resource: '/', path: '/', params: null });
    const deep = await requestWithHost(stratus, `${apiId}.execute-api.localhost`, '/prod/a/b', {
      method: 'POST',
    });
    assert.deepEqual(JSON.parse(deep.body), {
      resource: '/{proxy+}',
      path: '/a/b',
      params: { proxy: 'a/b' },
    });
    const preflight = await fetch(invokeUrl(stratus, apiId, 'prod', '/a'), { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  });

  it('moves the stage to the new deployment when the API changes', async () => {
    const before = await client.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    const stack = await stratus.cloudformation.deployTemplate(synthesize(2), {
      stackName: 'Shop',
      region: 'us-east-1',
    });
    assert.equal(stack.status, 'UPDATE_COMPLETE');
    const stage = await client.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    assert.notEqual(stage.deploymentId, before.deploymentId);
    assert.deepEqual(stage.variables, { version: '2' });
    const deployments = await client.send(new GetDeploymentsCommand({ restApiId: apiId }));
    assert.deepEqual(
      deployments.items?.map((d) => d.id),
      [stage.deploymentId],
      'the replaced deployment is gone',
    );
    const order = await fetch(invokeUrl(stratus, apiId, 'prod', '/orders/7'));
    assert.deepEqual(await order.json(), {
      resource: '/orders/{orderId}',
      path: '/orders/7',
      params: { orderId: '7' },
    });
  });

  it('deletes the API with the stack', async () => {
    const stack = await stratus.cloudformation.deleteStack('Shop', 'us-east-1');
    assert.equal(stack.status, 'DELETE_COMPLETE');
    await assert.rejects(client.send(new GetRestApiCommand({ restApiId: apiId })), {
      name: 'NotFoundException',
    });
  });
});
