// DynamoDB's answers on the wire, as recorded against AWS (dynalite's suite): the response's media type
// follows the request's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { sign } from '../support/sigv4.ts';
import { startDynamo } from './helpers.ts';

describe('DynamoDB wire answers', () => {
  let testbed: Awaited<ReturnType<typeof startDynamo>>;
  before(async () => {
    testbed = await startDynamo();
  });
  after(() => testbed.stop());

  /** A signed call sent as `contentType`; the answer's status, media type and body. */
  async function call(contentType: string, target: string, body: string) {
    const signed = await sign(testbed.stratus, {
      service: 'dynamodb',
      headers: { 'content-type': contentType, 'x-amz-target': `DynamoDB_20120810.${target}` },
      body,
    });
    const { host: _, ...headers } = signed.headers;
    const response = await fetch(`${testbed.stratus.endpoint}/`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: JSON.parse(text) };
  }

  it('answers application/json to a request sent as application/json, answers and errors alike', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', '  application/json  ;  x']) {
      const listed = await call(type, 'ListTables', '{}');
      assert.equal(listed.status, 200);
      assert.equal(listed.type, 'application/json');
      assert.deepEqual(listed.body, { TableNames: [] });
      const refused = await call(type, 'DescribeTable', '{"TableName":"missing"}');
      assert.equal(refused.status, 400);
      assert.equal(refused.type, 'application/json');
      assert.equal(refused.body.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
      const unparsable = await call(type, 'ListTables', 'hi');
      assert.equal(unparsable.type, 'application/json');
      assert.equal(unparsable.body.__type, 'com.amazon.coral.service#SerializationException');
    }
  });

  it('answers application/x-amz-json-1.0 to a request sent as such, and to the SDK', async () => {
    for (const type of ['application/x-amz-json-1.0', 'application/x-amz-json-1.0;blahblah']) {
      const listed = await call(type, 'ListTables', '{}');
      assert.equal(listed.type, 'application/x-amz-json-1.0');
      assert.equal((await call(type, 'ListTables', 'hi')).type, 'application/x-amz-json-1.0');
    }
    let seen: string | undefined;
    testbed.client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        seen = (result.response as { headers: Record<string, string> }).headers['content-type'];
        return result;
      },
      { step: 'deserialize' },
    );
    await testbed.client.send(new ListTablesCommand({}));
    assert.equal(seen, 'application/x-amz-json-1.0');
  });
});
