// The canonical form of signed headers as Stratus reads them from the raw header lines: values trimmed with
// inner whitespace collapsed, a repeated header's values joined by commas; the signature compared exactly; and
// the Authorization header's fields read in any order, each problem with its own message.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Stratus } from '../../src/stratus.ts';
import { dynamodbListTables, type SignedCall, sign } from '../support/sigv4.ts';
import { startStratus } from '../support/stratus.ts';

/** Sends `call` with node:http, each header line as given (an array value is sent as repeated lines). */
function sendRaw(
  stratus: Stratus,
  call: SignedCall,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; text: string }> {
  const url = new URL(stratus.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: call.method, path: call.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

describe('SigV4 signed headers as sent', () => {
  let stratus: Stratus;
  before(async () => {
    stratus = await startStratus({ httpsPort: false });
  });
  after(() => stratus.stop());

  it('collapses tabs and runs of spaces inside a signed value, as the signer does', async () => {
    // The SDK's signer canonicalizes `one\ttwo three` (a lone tab) to `one two three`; Stratus must too.
    const value = 'one\ttwo three';
    const call = await sign(stratus, {
      ...dynamodbListTables,
      headers: { ...dynamodbListTables.headers, 'x-amz-meta-spaced': value },
    });
    const answer = await sendRaw(stratus, call, call.headers);
    assert.equal(answer.status, 200, answer.text);
    const changed = await sendRaw(stratus, call, { ...call.headers, 'x-amz-meta-spaced': 'one two three!' });
    assert.equal(changed.status, 400);
    assert.match(changed.text, /InvalidSignatureException/);
  });

  it('joins the values of a signed header sent twice with a comma, in the order sent', async () => {
    const call = await sign(stratus, {
      ...dynamodbListTables,
      headers: { ...dynamodbListTables.headers, 'x-amz-meta-twice': 'first,second' },
    });
    const twice = await sendRaw(stratus, call, { ...call.headers, 'x-amz-meta-twice': ['first', 'second'] });
    assert.equal(twice.status, 200, twice.text);
    const swapped = await sendRaw(stratus, call, {
      ...call.headers,
      'x-amz-meta-twice': ['second', 'first'],
    });
    assert.equal(swapped.status, 400);
    assert.match(swapped.text, /InvalidSignatureException/);
  });

  it('reads the Authorization fields in any order, the last of a repeated one winning', async () => {
    const call = await sign(stratus, dynamodbListTables);
    const authorization = call.headers.authorization!;
    const [algorithm, rest] = [
      authorization.slice(0, authorization.indexOf(' ')),
      authorization.slice(authorization.indexOf(' ') + 1),
    ];
    const [credential, signedHeaders, signature] = rest.split(', ');
    const variants = [
      `${algorithm} ${signature}, ${credential}, ${signedHeaders}`,
      `${algorithm} ${signedHeaders},${signature} ,  ${credential}`,
      // A wrong signature first, overridden by the right one last (and the other way round below).
      `${algorithm} Signature=${'0'.repeat(64)}, ${credential}, ${signedHeaders}, ${signature}`,
    ];
    for (const variant of variants) {
      const answer = await sendRaw(stratus, call, { ...call.headers, authorization: variant });
      assert.equal(answer.status, 200, `${variant}: ${answer.text}`);
    }
    const overridden = `${algorithm} ${credential}, ${signedHeaders}, ${signature}, Signature=${'0'.repeat(64)}`;
    const refused = await sendRaw(stratus, call, { ...call.headers, authorization: overridden });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /InvalidSignatureException/);
  });

  it('names what is missing or malformed in the Authorization header', async () => {
    const call = await sign(stratus, dynamodbListTables);
    const authorization = call.headers.authorization!;
    const rest = authorization.slice(authorization.indexOf(' ') + 1);
    const [credential, signedHeaders, signature] = rest.split(', ');
    const cases: [string, RegExp][] = [
      [`AWS4-HMAC-SHA256 ${credential}, ${signedHeaders}, Signature=`, /requires 'Signature' parameter/],
      [`AWS4-HMAC-SHA256 ${signedHeaders}, ${signature}`, /requires 'Credential' parameter/],
      [`AWS4-HMAC-SHA256 ${credential}, ${signature}`, /requires 'SignedHeaders' parameter/],
      [
        `AWS4-HMAC-SHA256 ${credential.replace('/aws4_request', '/aws5_request')}, ${signedHeaders}, ${signature}`,
        /Credential should be scoped to a valid region, a valid service and 'aws4_request'/,
      ],
      [
        `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=x-amz-date, ${signature}`,
        /'Host' or ':authority' must be/,
      ],
      [`AWS3 ${credential}, ${signedHeaders}, ${signature}`, /Unsupported authorization type: AWS3/],
    ];
    // Each case twice: a memo of the first answer must not change the second.
    for (const [header, message] of [...cases, ...cases]) {
      const answer = await sendRaw(stratus, call, { ...call.headers, authorization: header });
      assert.equal(answer.status, 400, header);
      assert.match(answer.text, /IncompleteSignatureException/, header);
      assert.match(answer.text, message, header);
    }
    assert.equal((await sendRaw(stratus, call, call.headers)).status, 200);
  });

  it('compares the signature exactly: one changed character, or upper-case hex, is refused', async () => {
    const call = await sign(stratus, dynamodbListTables);
    const authorization = call.headers.authorization!;
    const signature = authorization.slice(authorization.indexOf('Signature=') + 10);
    const last = signature.at(-1) === '0' ? '1' : '0';
    for (const forged of [
      `${signature.slice(0, -1)}${last}`,
      signature.toUpperCase(),
      signature.slice(0, -1),
    ]) {
      if (forged === signature) continue;
      const headers = { ...call.headers, authorization: authorization.replace(signature, forged) };
      const answer = await sendRaw(stratus, call, headers);
      assert.equal(answer.status, 400, forged);
      assert.match(answer.text, /InvalidSignatureException/);
    }
    assert.equal((await sendRaw(stratus, call, call.headers)).status, 200);
  });
});
