import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';

describe('edge', () => {
  let stratus: Stratus;
  before(async () => {
    stratus = await startStratus();
  });
  after(() => stratus.stop());

  it('answers GET /_stratus/health over HTTP', async () => {
    const response = await fetch(`${stratus.endpoint}/_stratus/health`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string };
    assert.equal(body.status, 'ok');
  });

  it('answers over HTTPS with a certificate signed by the CA file it wrote', async () => {
    const ca = readFileSync(stratus.tls!.caFile);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${stratus.httpsEndpoint}/_stratus/health`, { ca }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
  });

  it('moves the clock forward on request', async () => {
    const before = stratus.clock.now();
    const response = await fetch(`${stratus.endpoint}/_stratus/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 3_600_000 }),
    });
    assert.equal(response.status, 200);
    assert.ok(stratus.clock.now() - before >= 3_600_000);
    const refused = await fetch(`${stratus.endpoint}/_stratus/clock`, {
      method: 'POST',
      body: '{"advanceMs":-1}',
    });
    assert.equal(refused.status, 400);
  });
});
