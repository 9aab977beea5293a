/**
 * The protocol layer inside a running Stratus: the instance's dispatcher decodes, validates
 * and encodes with it, so what reaches a client is AWS-shaped whatever the service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetParameterCommand, SSMClient, UpdateServiceSettingCommand } from '@aws-sdk/client-ssm';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

describe('protocols in a running Stratus', () => {
  let stratus: Stratus;
  let ssm: SSMClient;
  before(async () => {
    stratus = await startStratus();
    ssm = new SSMClient(clientConfig(stratus));
  });
  after(async () => {
    ssm.destroy();
    await stratus.stop();
  });

  it('validates input against the model before the operation runs', async () => {
    const error = await ssm.send(new GetParameterCommand({ Name: '' })).catch((e) => e);
    assert.equal(error.name, 'ValidationException');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(
      error.message,
      "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('answers an operation the service does not implement with 501, in the service’s protocol', async () => {
    const error = await ssm
      .send(new UpdateServiceSettingCommand({ SettingId: '/ssm/x', SettingValue: 'v' }))
      .catch((e) => e);
    assert.equal(error.name, 'NotImplemented');
    assert.equal(error.$metadata.httpStatusCode, 501);
  });

  it('answers a request for an unknown service as JSON or Query XML, by its content type', async () => {
    const signed = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/nosuchservice/aws4_request, SignedHeaders=host, Signature=x',
    };
    const json = await fetch(stratus.endpoint, {
      method: 'POST',
      headers: { ...signed, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Nope_1.Do' },
      body: '{}',
    });
    assert.equal(json.status, 400);
    assert.ok(json.headers.get('x-amzn-requestid'));
    const body = (await json.json()) as Record<string, string>;
    assert.equal(body.__type, 'UnknownServiceException');
    const xml = await fetch(stratus.endpoint, {
      method: 'POST',
      headers: { ...signed, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Do&Version=2020-01-01',
    });
    assert.equal(xml.status, 400);
    assert.match(
      await xml.text(),
      /^<ErrorResponse><Error><Type>Sender<\/Type><Code>UnknownServiceException<\/Code>/,
    );
  });
});
