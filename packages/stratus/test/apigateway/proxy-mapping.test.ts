import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../src/logger.ts';
import { CompiledDeployment } from '../../src/services/apigateway/invoke/compiled.ts';
import type { GatewayError } from '../../src/services/apigateway/invoke/gateway-errors.ts';
import { Deadlines } from '../../src/services/apigateway/invoke/integrations/deadlines.ts';
import { invokeLambdaProxy } from '../../src/services/apigateway/invoke/integrations/lambda-proxy.ts';
import { parseStatusCode } from '../../src/services/apigateway/invoke/integrations/mock.ts';
import { parseProxyResponse } from '../../src/services/apigateway/invoke/integrations/proxy-response.ts';
import type { RoutedInvocation } from '../../src/services/apigateway/invoke/invocation.ts';
import { isBinaryMediaType } from '../../src/services/apigateway/invoke/media-types.ts';
import { methodResponse } from '../../src/services/apigateway/invoke/method-response.ts';
import { formatRequestTime } from '../../src/services/apigateway/invoke/request-context.ts';
import { DEFAULT_INTEGRATION_TIMEOUT_MS } from '../../src/services/apigateway/operations/put-integration.ts';
import type { Integration, RestApi, Stage } from '../../src/services/apigateway/shapes.ts';

const parse = (answer: unknown, acceptsBinary = false) =>
  parseProxyResponse(JSON.stringify(answer), acceptsBinary);

describe('Lambda proxy response mapping (as AWS validates it)', () => {
  it('maps statusCode, headers and body; statusCode defaults to 200; numeric strings count', () => {
    const ok = parse({ statusCode: 201, headers: { 'x-a': 'b', flag: true }, body: 'hi' });
    assert.ok(ok.ok);
    assert.equal(ok.response.status, 201);
    assert.deepEqual(ok.response.headers, { 'x-a': 'b', flag: 'true', 'Content-Type': 'application/json' });
    assert.equal(String(ok.response.body), 'hi');
    const onlyHeaders = parse({ headers: { 'content-type': 'text/plain' } });
    assert.ok(onlyHeaders.ok);
    assert.equal(onlyHeaders.response.status, 200);
    assert.deepEqual(onlyHeaders.response.headers, { 'content-type': 'text/plain' });
    const text = parse({ statusCode: '202', headers: null });
    assert.ok(text.ok && text.response.status === 202);
  });

  it('merges multiValueHeaders with headers, multi values first', () => {
    const merged = parse({ multiValueHeaders: { 'tesT-Multi': ['a', 'b'] }, headers: { 'test-multi': 'c' } });
    assert.ok(merged.ok);
    assert.deepEqual(merged.response.headers?.['tesT-Multi'], ['a', 'b', 'c']);
    assert.equal(merged.response.headers?.['test-multi'], undefined);
  });

  it('decodes a base64 body only when the client accepts a binary media type', () => {
    const encoded = Buffer.from([0, 1, 2, 255]).toString('base64');
    const binary = parse({ body: encoded, isBase64Encoded: true }, true);
    assert.ok(binary.ok);
    assert.deepEqual([...(binary.response.body as Buffer)], [0, 1, 2, 255]);
    const text = parse({ body: encoded, isBase64Encoded: true }, false);
    assert.ok(text.ok);
    assert.equal(String(text.response.body), encoded);
  });

  it('renames hop-by-hop headers of the answer to x-amzn-Remapped-*, as AWS does', () => {
    const mapped = methodResponse({
      status: 200,
      headers: {
        Date: 'x',
        'Content-Length': '3',
        Server: 's',
        'Transfer-Encoding': 'chunked',
        'X-Kept': 'k',
      },
    });
    assert.deepEqual(mapped.headers, {
      'x-amzn-Remapped-Date': 'x',
      'x-amzn-Remapped-Content-Length': '3',
      'x-amzn-Remapped-Server': 's',
      'X-Kept': 'k',
    });
  });

  it('treats anything else as a malformed proxy response', () => {
    for (const bad of [
      'justAString',
      null,
      [1],
      { statusCode: 200, wrongValue: 'x' },
      { statusCode: 'test' },
      { statusCode: 200, body: { not: 'a string' } },
      { multiValueHeaders: { a: 'not-a-list' } },
      { headers: { a: { nested: true } } },
      { isBase64Encoded: 'yes' },
    ]) {
      assert.equal(parse(bad).ok, false, JSON.stringify(bad));
    }
    assert.equal(parseProxyResponse('not json', false).ok, false);
  });
});

describe('API Gateway invoke details', () => {
  it('routes literal before {param} before {proxy+}, exact methods before ANY', () => {
    const method = (name: string) => ({ httpMethod: name, authorizationType: 'NONE', apiKeyRequired: false });
    const deployment = new CompiledDeployment({
      binaryMediaTypes: [],
      resources: [
        { id: 'root', path: '/', resourceMethods: { ANY: method('ANY') } },
        { id: 'a', path: '/a', resourceMethods: { GET: method('GET'), ANY: method('ANY') } },
        { id: 'ab', path: '/a/b', resourceMethods: { GET: method('GET') } },
        { id: 'ax', path: '/a/{x}', resourceMethods: { GET: method('GET') } },
        { id: 'p', path: '/{proxy+}', resourceMethods: { ANY: method('ANY') } },
      ],
    });
    const match = (verb: string, path: string) => {
      const found = deployment.match(verb, path);
      return found && [found.resource.id, found.method.httpMethod, found.pathParameters];
    };
    assert.deepEqual(match('GET', '/'), ['root', 'ANY', {}]);
    assert.deepEqual(match('GET', '/a'), ['a', 'GET', {}]);
    assert.deepEqual(match('PUT', '/a'), ['a', 'ANY', {}]);
    assert.deepEqual(match('GET', '/a/b'), ['ab', 'GET', {}]);
    assert.deepEqual(match('GET', '/a/c%2Fd'), ['ax', 'GET', { x: 'c/d' }]);
    assert.deepEqual(match('GET', '/a/b/c'), ['p', 'ANY', { proxy: 'a/b/c' }]);
    assert.deepEqual(match('GET', '/z//y/'), ['p', 'ANY', { proxy: 'z//y' }]);
  });

  it('matches binary media types by the first type, with wildcards', () => {
    assert.equal(isBinaryMediaType('image/png', ['image/png']), true);
    assert.equal(isBinaryMediaType('image/png; q=1', ['image/*']), true);
    assert.equal(isBinaryMediaType('application/json', ['*/*']), true);
    assert.equal(isBinaryMediaType('text/html, image/png', ['image/png']), false);
    assert.equal(isBinaryMediaType(undefined, ['*/*']), false);
    assert.equal(isBinaryMediaType('image/png', []), false);
  });

  it('formats $context.requestTime as AWS does', () => {
    assert.equal(formatRequestTime(Date.UTC(2015, 3, 9, 12, 34, 56)), '09/Apr/2015:12:34:56 +0000');
  });

  it("reads the MOCK status code from strict JSON and from CDK's unquoted template", () => {
    assert.equal(parseStatusCode('{"statusCode": 200}'), 200);
    assert.equal(parseStatusCode('{ statusCode: 200 }'), 200);
    assert.equal(parseStatusCode("{'statusCode': 404, 'other': 1}"), 404);
    assert.equal(parseStatusCode('{"statusCode": "200"}'), undefined);
    assert.equal(parseStatusCode(''), undefined);
  });

  it('times a Lambda integration out after 29 s when it names no timeout', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const resource = { id: 'r', path: '/' };
    const method = {
      httpMethod: 'GET',
      authorizationType: 'NONE',
      apiKeyRequired: false,
      methodIntegration: {
        type: 'AWS_PROXY',
        httpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations',
      } as Integration,
    };
    const inv: RoutedInvocation = {
      request: {
        method: 'GET',
        rawPath: '/',
        path: '/',
        query: new URLSearchParams(),
        rawQuery: '',
        headers: { host: 'abc.execute-api.localhost' },
        hostname: 'abc.execute-api.localhost',
        scheme: 'http',
        remoteAddress: '127.0.0.1',
        body: Buffer.alloc(0),
        receivedAt: 0,
      },
      target: { apiId: 'abc', stage: 'dev', rawPath: '/' },
      requestId: 'id',
      extendedRequestId: 'ext',
      traceId: 'Root=1-0-0',
      located: { accountId: '000000000000', region: 'us-east-1', api: { id: 'abc' } as RestApi },
      stage: { stageName: 'dev', deploymentId: 'd' } as Stage,
      deployment: new CompiledDeployment({ binaryMediaTypes: [], resources: [] }),
      route: { resource, method, pathParameters: {} },
      auth: { identity: {} },
    };
    let settled = false;
    const pending = invokeLambdaProxy(inv, {
      lambda: { invoke: () => new Promise(() => {}) },
      logger: silentLogger,
      deadlines: new Deadlines(),
    });
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    t.mock.timers.tick(DEFAULT_INTEGRATION_TIMEOUT_MS - 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    t.mock.timers.tick(1);
    await assert.rejects(pending, (error: GatewayError) => error.status === 504);
  });
});
