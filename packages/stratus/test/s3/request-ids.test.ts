import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type RawResponse, rawRequest } from '../support/http.ts';
import { sign } from '../support/sigv4.ts';
import { type S3Testbed, startS3 } from './helpers.ts';

const REQUEST_ID = /^[0-9A-F]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** S3's pair of ids, and none of the x-amzn-RequestId other services send. */
function assertS3Ids(response: RawResponse): { requestId: string; hostId: string } {
  const requestId = String(response.headers['x-amz-request-id']);
  const hostId = String(response.headers['x-amz-id-2']);
  assert.match(requestId, REQUEST_ID);
  assert.match(hostId, BASE64);
  assert.equal(response.headers['x-amzn-requestid'], undefined);
  return { requestId, hostId };
}

describe('s3: request ids', () => {
  let bed: S3Testbed;
  before(async () => {
    bed = await startS3(['ids']);
  });
  after(() => bed.stop());

  it('answers x-amz-request-id (16 upper-case hex digits) and x-amz-id-2, never x-amzn-RequestId', async () => {
    const call = await sign(bed.stratus, { service: 's3', method: 'GET', path: '/' });
    const headers = { ...call.headers };
    delete headers.host;
    const listed = await rawRequest(bed.stratus, { path: '/', headers });
    assert.equal(listed.status, 200);
    const first = assertS3Ids(listed);
    const again = assertS3Ids(await rawRequest(bed.stratus, { path: '/', headers }));
    assert.notEqual(again.requestId, first.requestId);

    const put = await bed.s3.send(new PutObjectCommand({ Bucket: 'ids', Key: 'k', Body: 'v' }));
    assert.match(put.$metadata.requestId!, REQUEST_ID);
    assert.match(put.$metadata.extendedRequestId!, BASE64);
    const head = await bed.s3.send(new HeadBucketCommand({ Bucket: 'ids' }));
    assert.match(head.$metadata.requestId!, REQUEST_ID);
  });

  it("puts the same ids in an error's RequestId and HostId as in its headers", async () => {
    const missing = await rawRequest(bed.stratus, { path: '/no-such-bucket-here/key' });
    assert.equal(missing.status, 404);
    const { requestId, hostId } = assertS3Ids(missing);
    assert.match(missing.body, new RegExp(`<RequestId>${requestId}</RequestId>`));
    assert.ok(missing.body.includes(`<HostId>${hostId}</HostId>`), missing.body);

    // Answers the route builds itself (a CORS preflight) carry the pair too.
    const preflight = await rawRequest(bed.stratus, {
      method: 'OPTIONS',
      path: '/ids/k',
      headers: { origin: 'http://example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 403);
    assertS3Ids(preflight);
  });
});
