import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetAccountCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateAccountCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createApiWithPaths, putMockMethod } from './helpers.ts';

async function rejects(work: Promise<unknown>, name: string, message: string, status: number) {
  await assert.rejects(work, (error: any) => {
    assert.equal(error.name, name);
    assert.equal(error.message, message);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

describe('API Gateway control plane', () => {
  let stratus: Stratus;
  let client: APIGatewayClient;
  before(async () => {
    stratus = await startStratus();
    client = new APIGatewayClient(clientConfig(stratus));
  });
  after(() => stratus.stop());

  it('creates an API with a root resource and AWS defaults, lists, updates and deletes it', async () => {
    const api = await client.send(new CreateRestApiCommand({ name: 'orders', description: 'd' }));
    assert.match(api.id!, /^[a-z0-9]{10}$/);
    assert.equal(api.apiKeySource, 'HEADER');
    assert.deepEqual(api.endpointConfiguration?.types, ['EDGE']);
    assert.ok(api.createdDate instanceof Date);
    const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.equal(resources.items?.length, 1);
    assert.equal(resources.items![0]!.path, '/');
    assert.match(resources.items![0]!.id!, /^[a-z0-9]{10}$/);

    const listed = await client.send(new GetRestApisCommand({}));
    assert.ok(listed.items?.some((item) => item.id === api.id));
    const updated = await client.send(
      new UpdateRestApiCommand({
        restApiId: api.id,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'orders2' },
          { op: 'add', path: '/binaryMediaTypes/image~1png', value: '' },
        ],
      }),
    );
    assert.equal(updated.name, 'orders2');
    assert.deepEqual(updated.binaryMediaTypes, ['image/png']);

    await client.send(new DeleteRestApiCommand({ restApiId: api.id }));
    await rejects(
      client.send(new GetRestApiCommand({ restApiId: api.id })),
      'NotFoundException',
      `Invalid API identifier specified 000000000000:${api.id}`,
      404,
    );
  });

  it('keeps APIs to their region', async () => {
    const api = await client.send(new CreateRestApiCommand({ name: 'regional' }));
    const west = new APIGatewayClient(clientConfig(stratus, 'eu-west-1'));
    await rejects(
      west.send(new GetRestApiCommand({ restApiId: api.id })),
      'NotFoundException',
      `Invalid API identifier specified 000000000000:${api.id}`,
      404,
    );
  });

  it('builds resource paths and refuses what AWS refuses', async () => {
    const { apiId, ids } = await createApiWithPaths(client, 'tree', ['/pets/{petId}', '/files/{proxy+}']);
    const resources = await client.send(new GetResourcesCommand({ restApiId: apiId }));
    assert.deepEqual(resources.items!.map((r) => r.path).sort(), [
      '/',
      '/files',
      '/files/{proxy+}',
      '/pets',
      '/pets/{petId}',
    ]);
    const pet = resources.items!.find((r) => r.path === '/pets/{petId}')!;
    assert.equal(pet.parentId, ids['/pets']);
    assert.equal(pet.pathPart, '{petId}');

    await rejects(
      client.send(new CreateResourceCommand({ restApiId: apiId, parentId: ids['/']!, pathPart: 'pets' })),
      'ConflictException',
      'Another resource with the same parent already has this name: pets',
      409,
    );
    await rejects(
      client.send(
        new CreateResourceCommand({ restApiId: apiId, parentId: ids['/pets']!, pathPart: '{other}' }),
      ),
      'BadRequestException',
      'A sibling ({petId}) of this resource already has a variable path part -- only one is allowed',
      400,
    );
    await rejects(
      client.send(
        new CreateResourceCommand({ restApiId: apiId, parentId: ids['/files/{proxy+}']!, pathPart: 'x' }),
      ),
      'BadRequestException',
      'Cannot create a child of a resource with a greedy path variable: {proxy+}',
      400,
    );
    await rejects(
      client.send(new CreateResourceCommand({ restApiId: apiId, parentId: 'nosuchid00', pathPart: 'x' })),
      'NotFoundException',
      'Invalid Resource identifier specified',
      404,
    );
    await client.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: ids['/pets']! }));
    const left = await client.send(new GetResourcesCommand({ restApiId: apiId }));
    assert.deepEqual(left.items!.map((r) => r.path).sort(), ['/', '/files', '/files/{proxy+}']);
  });

  it('puts methods and integrations, with AWS defaults and errors', async () => {
    const { apiId, ids } = await createApiWithPaths(client, 'methods', ['/items']);
    const target = { restApiId: apiId, resourceId: ids['/items']!, httpMethod: 'GET' };
    await rejects(
      client.send(new GetMethodCommand(target)),
      'NotFoundException',
      'Invalid Method identifier specified',
      404,
    );
    await client.send(new PutMethodCommand({ ...target, authorizationType: 'NONE' }));
    await rejects(
      client.send(new PutMethodCommand({ ...target, authorizationType: 'NONE' })),
      'ConflictException',
      'Method already exists for this resource',
      409,
    );
    await rejects(
      client.send(new GetIntegrationCommand(target)),
      'NotFoundException',
      'Invalid Integration identifier specified',
      404,
    );
    await rejects(
      client.send(new PutIntegrationCommand({ ...target, type: 'AWS_PROXY', uri: 'http://example.com' })),
      'BadRequestException',
      'Enumeration value for HttpMethod must be non-empty',
      400,
    );
    await rejects(
      client.send(
        new PutIntegrationCommand({
          ...target,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: 'arn:aws:s3:::bucket',
        }),
      ),
      'BadRequestException',
      "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
      400,
    );
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations';
    await client.send(
      new PutIntegrationCommand({ ...target, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri }),
    );
    const integration = await client.send(new GetIntegrationCommand(target));
    assert.equal(integration.type, 'AWS_PROXY');
    assert.equal(integration.httpMethod, 'POST');
    assert.equal(integration.uri, uri);
    assert.equal(integration.timeoutInMillis, 29000, 'the default integration timeout is 29 s');
    assert.equal(integration.passthroughBehavior, 'WHEN_NO_MATCH');
    await rejects(
      client.send(new PutIntegrationCommand({ ...target, type: 'MOCK', timeoutInMillis: 30000 })),
      'BadRequestException',
      'Timeout should be between 50 ms and 29000 ms',
      400,
    );
    const method = await client.send(new GetMethodCommand(target));
    assert.equal(method.authorizationType, 'NONE');
    assert.equal(method.methodIntegration?.type, 'AWS_PROXY');
  });

  it('deploys, stages and updates stage variables; refuses what AWS refuses', async () => {
    const { apiId, ids } = await createApiWithPaths(client, 'stages', []);
    await rejects(
      client.send(new CreateDeploymentCommand({ restApiId: apiId })),
      'BadRequestException',
      "The REST API doesn't contain any methods",
      400,
    );
    await putMockMethod(client, { restApiId: apiId, resourceId: ids['/']!, httpMethod: 'GET' });
    const deployment = await client.send(
      new CreateDeploymentCommand({ restApiId: apiId, description: 'v1' }),
    );
    const stage = await client.send(
      new CreateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        deploymentId: deployment.id,
        variables: { color: 'blue' },
      }),
    );
    assert.equal(stage.deploymentId, deployment.id);
    assert.deepEqual(stage.variables, { color: 'blue' });
    await rejects(
      client.send(
        new CreateStageCommand({ restApiId: apiId, stageName: 'dev', deploymentId: deployment.id }),
      ),
      'ConflictException',
      'Stage already exists',
      409,
    );
    const updated = await client.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/variables/color', value: 'green' },
          { op: 'add', path: '/variables/size', value: 'xl' },
          { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
        ],
      }),
    );
    assert.deepEqual(updated.variables, { color: 'green', size: 'xl' });
    assert.equal(updated.methodSettings?.['*/*']?.loggingLevel, 'INFO');
    const removed = await client.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        patchOperations: [{ op: 'remove', path: '/variables/size' }],
      }),
    );
    assert.deepEqual(removed.variables, { color: 'green' });

    await rejects(
      client.send(new DeleteDeploymentCommand({ restApiId: apiId, deploymentId: deployment.id })),
      'BadRequestException',
      'Active stages pointing to this deployment must be moved or deleted',
      400,
    );
    const stages = await client.send(new GetStagesCommand({ restApiId: apiId }));
    assert.deepEqual(
      stages.item?.map((s) => s.stageName),
      ['dev'],
    );
    await client.send(new DeleteStageCommand({ restApiId: apiId, stageName: 'dev' }));
    await rejects(
      client.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' })),
      'NotFoundException',
      'Invalid Stage identifier specified',
      404,
    );
    await client.send(new DeleteDeploymentCommand({ restApiId: apiId, deploymentId: deployment.id }));
    const deployments = await client.send(new GetDeploymentsCommand({ restApiId: apiId }));
    assert.deepEqual(deployments.items, []);
  });

  it('creates or moves a stage from CreateDeployment with a stage name', async () => {
    const { apiId, ids } = await createApiWithPaths(client, 'deploy-stage', []);
    await putMockMethod(client, { restApiId: apiId, resourceId: ids['/']!, httpMethod: 'GET' });
    const first = await client.send(
      new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod', variables: { v: '1' } }),
    );
    const second = await client.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod' }));
    const stage = await client.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }));
    assert.notEqual(first.id, second.id);
    assert.equal(stage.deploymentId, second.id);
    assert.deepEqual(stage.variables, { v: '1' });
  });

  it('reads and updates the account settings', async () => {
    const account = await client.send(new GetAccountCommand({}));
    assert.deepEqual(account.throttleSettings, { burstLimit: 5000, rateLimit: 10000 });
    const role = 'arn:aws:iam::000000000000:role/apigw-logs';
    const updated = await client.send(
      new UpdateAccountCommand({
        patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }],
      }),
    );
    assert.equal(updated.cloudwatchRoleArn, role);
    assert.equal((await client.send(new GetAccountCommand({}))).cloudwatchRoleArn, role);
  });
});
