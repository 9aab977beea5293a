import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsageCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateApiKeyCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createApiWithPaths, deploy, invokeUrl } from './helpers.ts';

const DAY_MS = 86_400_000;

describe('API Gateway API keys and usage plans', () => {
  let stratus: Stratus;
  let client: APIGatewayClient;
  let apiId: string;

  /** A MOCK method that requires a key and answers with the key id API Gateway saw. */
  const keyedMethod = async (restApiId: string, resourceId: string) => {
    const target = { restApiId, resourceId, httpMethod: 'GET' };
    await client.send(new PutMethodCommand({ ...target, authorizationType: 'NONE', apiKeyRequired: true }));
    await client.send(
      new PutIntegrationCommand({
        ...target,
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      }),
    );
    await client.send(new PutMethodResponseCommand({ ...target, statusCode: '200' }));
    await client.send(
      new PutIntegrationResponseCommand({
        ...target,
        statusCode: '200',
        responseTemplates: {
          'application/json': '{"keyId":"$context.identity.apiKeyId","key":"$context.identity.apiKey"}',
        },
      }),
    );
  };

  /** A key of its own in a plan of its own on the API's `dev` stage. */
  const keyInPlan = async (plan: { throttle?: object; quota?: object }, enabled = true) => {
    const key = await client.send(new CreateApiKeyCommand({ name: `k${Math.random()}`, enabled }));
    const created = await client.send(
      new CreateUsagePlanCommand({ name: 'plan', apiStages: [{ apiId, stage: 'dev' }], ...plan }),
    );
    await client.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: created.id!, keyId: key.id!, keyType: 'API_KEY' }),
    );
    return { key, planId: created.id! };
  };

  const call = (key?: string) =>
    fetch(invokeUrl(stratus, apiId, 'dev', '/items'), { headers: key ? { 'x-api-key': key } : {} });

  before(async () => {
    stratus = await startStratus();
    client = new APIGatewayClient(clientConfig(stratus));
    const api = await createApiWithPaths(client, 'keyed', ['/items']);
    apiId = api.apiId;
    await keyedMethod(apiId, api.ids['/items']!);
    await deploy(client, apiId, 'dev');
  });
  after(() => stratus.stop());

  it('creates keys (disabled unless enabled), shows values only when asked, refuses duplicates', async () => {
    const created = await client.send(
      new CreateApiKeyCommand({ name: 'partner', value: 'partner-key-0123456789abcdef', customerId: 'c1' }),
    );
    assert.equal(created.enabled, false);
    assert.equal(created.value, 'partner-key-0123456789abcdef');
    const plain = await client.send(new GetApiKeyCommand({ apiKey: created.id! }));
    assert.equal(plain.value, undefined);
    assert.equal(plain.name, 'partner');
    const shown = await client.send(new GetApiKeyCommand({ apiKey: created.id!, includeValue: true }));
    assert.equal(shown.value, 'partner-key-0123456789abcdef');
    const listed = await client.send(new GetApiKeysCommand({ nameQuery: 'part', includeValues: true }));
    assert.deepEqual(
      listed.items?.map((k) => [k.name, k.value]),
      [['partner', 'partner-key-0123456789abcdef']],
    );
    const generated = await client.send(new CreateApiKeyCommand({ name: 'generated', enabled: true }));
    assert.match(generated.value ?? '', /^[A-Za-z0-9]{40}$/);
    await assert.rejects(
      client.send(new CreateApiKeyCommand({ name: 'again', value: 'partner-key-0123456789abcdef' })),
      { name: 'ConflictException' },
    );
    await assert.rejects(client.send(new CreateApiKeyCommand({ name: 'short', value: 'short' })), {
      name: 'BadRequestException',
    });
    await client.send(new DeleteApiKeyCommand({ apiKey: created.id! }));
    await assert.rejects(client.send(new GetApiKeyCommand({ apiKey: created.id! })), {
      name: 'NotFoundException',
      message: 'Invalid API Key identifier specified',
    });
  });

  it('lists a plan and its keys; a key may not join two plans of one stage', async () => {
    const { key, planId } = await keyInPlan({ throttle: { rateLimit: 5, burstLimit: 10 } });
    const plans = await client.send(new GetUsagePlansCommand({ keyId: key.id! }));
    assert.deepEqual(
      plans.items?.map((p) => [p.id, p.throttle]),
      [[planId, { rateLimit: 5, burstLimit: 10 }]],
    );
    const keys = await client.send(new GetUsagePlanKeysCommand({ usagePlanId: planId }));
    assert.deepEqual(keys.items, [{ id: key.id, type: 'API_KEY', value: key.value, name: key.name }]);
    const other = await client.send(
      new CreateUsagePlanCommand({ name: 'other', apiStages: [{ apiId, stage: 'dev' }] }),
    );
    await assert.rejects(
      client.send(
        new CreateUsagePlanKeyCommand({ usagePlanId: other.id!, keyId: key.id!, keyType: 'API_KEY' }),
      ),
      { name: 'ConflictException' },
    );
  });

  it('refuses a missing, unknown, disabled or plan-less key with 403 Forbidden', async () => {
    const { key: disabled } = await keyInPlan({}, false);
    const loose = await client.send(new CreateApiKeyCommand({ name: 'loose', enabled: true }));
    for (const value of [undefined, 'no-such-key-0123456789', disabled.value, loose.value]) {
      const response = await call(value);
      assert.equal(response.status, 403, String(value));
      assert.equal(response.headers.get('x-amzn-errortype'), 'ForbiddenException');
      assert.deepEqual(await response.json(), { message: 'Forbidden' });
    }
    await client.send(
      new UpdateApiKeyCommand({
        apiKey: disabled.id!,
        patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }],
      }),
    );
    const enabled = await call(disabled.value);
    assert.equal(enabled.status, 200, `enabled now: ${await enabled.text()}`);
  });

  it('serves a good key and names it in $context.identity', async () => {
    const { key } = await keyInPlan({});
    const response = await call(key.value);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { keyId: key.id, key: key.value });
  });

  it('throttles a key by its plan (429 Too Many Requests) and refills it as the clock moves', async () => {
    const { key } = await keyInPlan({ throttle: { rateLimit: 0.01, burstLimit: 2 } });
    assert.equal((await call(key.value)).status, 200);
    assert.equal((await call(key.value)).status, 200);
    const throttled = await call(key.value);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
    assert.deepEqual(await throttled.json(), { message: 'Too Many Requests' });
    stratus.clock.advance(100_000);
    assert.equal((await call(key.value)).status, 200);
  });

  it('stops a key at its quota (429 Limit Exceeded) until the next period, and reports usage', async () => {
    const { key, planId } = await keyInPlan({ quota: { limit: 3, period: 'DAY' } });
    const today = new Date(stratus.clock.now()).toISOString().slice(0, 10);
    for (let i = 0; i < 3; i++) assert.equal((await call(key.value)).status, 200);
    const over = await call(key.value);
    assert.equal(over.status, 429);
    assert.equal(over.headers.get('x-amzn-errortype'), 'LimitExceededException');
    assert.deepEqual(await over.json(), { message: 'Limit Exceeded' });
    const usage = await client.send(
      new GetUsageCommand({ usagePlanId: planId, keyId: key.id!, startDate: today, endDate: today }),
    );
    assert.deepEqual(usage.items, { [key.id!]: [[3, 0]] });
    stratus.clock.advance(DAY_MS);
    assert.equal((await call(key.value)).status, 200, 'a new day, a new quota');
  });

  it("throttles a stage by its method settings, the method's own before */*", async () => {
    const api = await createApiWithPaths(client, 'busy', ['/slow', '/fast', '/cached', '/other']);
    for (const path of ['/slow', '/fast', '/cached', '/other']) {
      const target = { restApiId: api.apiId, resourceId: api.ids[path]!, httpMethod: 'GET' };
      await client.send(new PutMethodCommand({ ...target, authorizationType: 'NONE' }));
      await client.send(
        new PutIntegrationCommand({
          ...target,
          type: 'MOCK',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
        }),
      );
      await client.send(new PutIntegrationResponseCommand({ ...target, statusCode: '200' }));
    }
    await deploy(client, api.apiId, 'dev');
    await client.send(
      new UpdateStageCommand({
        restApiId: api.apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '0.01' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1' },
          { op: 'replace', path: '/~1fast/GET/throttling/rateLimit', value: '1000' },
          { op: 'replace', path: '/~1fast/GET/throttling/burstLimit', value: '1000' },
          { op: 'replace', path: '/~1cached/GET/caching/enabled', value: 'true' },
        ],
      }),
    );
    const slow = () => fetch(invokeUrl(stratus, api.apiId, 'dev', '/slow'));
    assert.equal((await slow()).status, 200);
    const throttled = await slow();
    assert.equal(throttled.status, 429);
    assert.deepEqual(await throttled.json(), { message: 'Too Many Requests' });
    for (let i = 0; i < 3; i++) {
      assert.equal((await fetch(invokeUrl(stratus, api.apiId, 'dev', '/fast'))).status, 200);
    }
    // */* limits each method on its own; a method's own setting (here one that only turns caching
    // on, with the account's default limits) replaces it.
    const other = () => fetch(invokeUrl(stratus, api.apiId, 'dev', '/other'));
    assert.equal((await other()).status, 200);
    assert.equal((await other()).status, 429);
    for (let i = 0; i < 3; i++) {
      assert.equal((await fetch(invokeUrl(stratus, api.apiId, 'dev', '/cached'))).status, 200);
    }
    stratus.clock.advance(100_000);
    assert.equal((await slow()).status, 200);
  });
});
