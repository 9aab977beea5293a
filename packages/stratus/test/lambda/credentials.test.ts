import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';

describe('temporary credentials', () => {
  let stratus: Stratus;
  before(async () => {
    stratus = await startStratus();
  });
  after(() => stratus.stop());

  it('issues ASIA keys with a 40-character secret, a session token and a one-hour expiry', () => {
    const store = stratus.lambda.credentials;
    const issued = store.issue('arn:aws:iam::000000000000:role/service-role/OrdersRole', 'orders-fn');
    assert.match(issued.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(issued.secretAccessKey.length, 40);
    assert.ok(issued.sessionToken.length > 100);
    assert.equal(issued.expiration, issued.issuedAt + 3_600_000);
    assert.equal(issued.accountId, '000000000000');
    assert.equal(issued.assumedRoleArn, 'arn:aws:sts::000000000000:assumed-role/OrdersRole/orders-fn');
    assert.deepEqual(store.find(issued.accessKeyId), issued);
    assert.equal(store.find('ASIANOTAKEY000000000'), undefined);
  });

  it('expires on the Stratus clock and honours a custom duration', () => {
    const store = stratus.lambda.credentials;
    const short = store.issue('arn:aws:iam::000000000000:role/R', 's', { durationSeconds: 900 });
    assert.equal(store.isExpired(short), false);
    stratus.clock.advance(900_000);
    assert.equal(store.isExpired(short), true);
    assert.ok(
      store.find(short.accessKeyId),
      'an expired key is still known (ExpiredToken, not InvalidClientTokenId)',
    );
    store.revoke(short.accessKeyId);
    assert.equal(store.find(short.accessKeyId), undefined);
  });
});
