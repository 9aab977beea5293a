/**
 * Random and mutated requests for every protocol: decoding must either succeed or throw an
 * AwsError with a 4xx status (never a crash, never a 500), and the error must encode.
 * Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../src/protocol/errors.ts';
import type { HttpRequest } from '../../src/protocol/http.ts';
import { decodeRequest, encodeError } from '../../src/protocol/index.ts';
import type { ServiceModel, Shape } from '../../src/protocol/model.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { request } from './wire-server.ts';

/** mulberry32: a small seeded generator. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '<&>"\'',
  '%zz',
  '..',
  '__proto__',
  'constructor',
  '😀',
  '1e999',
];
const ODD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER,
  [],
  {},
  [[]],
  { a: { b: {} } },
];

function oddValue(r: Random): unknown {
  return r.next() < 0.5 ? r.pick(ODD_STRINGS) : r.pick(ODD_VALUES);
}

/** A value for a shape, of the wrong type now and then. */
function valueFor(model: ServiceModel, shapeName: string, r: Random, depth = 0): unknown {
  if (r.next() < 0.08 || depth > 6) return oddValue(r);
  const shape: Shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (r.next() < 0.5) out[ref.locationName ?? name] = valueFor(model, ref.shape, r, depth + 1);
      }
      return out;
    }
    case 'list':
      return Array.from({ length: r.int(3) }, () => valueFor(model, shape.member!.shape, r, depth + 1));
    case 'map':
      return Object.fromEntries(
        Array.from({ length: r.int(3) }, () => [
          r.pick(ODD_STRINGS),
          valueFor(model, shape.value!.shape, r, depth + 1),
        ]),
      );
    case 'string':
      return shape.enum && r.next() < 0.7 ? r.pick(shape.enum) : r.pick(ODD_STRINGS);
    case 'boolean':
      return r.next() < 0.5;
    case 'blob':
      return r.pick(['aGk=', 'not base64!', '']);
    case 'timestamp':
      return r.pick([1700000000, '2024-01-01T00:00:00Z', 'yesterday']);
    default:
      return r.pick([0, 1, -5, 3.7, 1e12]);
  }
}

function mutate(text: string, r: Random): string {
  const chars = [...text];
  for (let n = r.int(4); n >= 0; n--) {
    const at = r.int(chars.length + 1);
    switch (r.int(4)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(
          at,
          0,
          r.pick(['{', '}', '[', ']', '"', ',', ':', '<', '>', '/', '&', '=', '.', '\\', '\u0000']),
        );
        break;
      case 2:
        chars.length = at;
        break;
      default:
        chars.splice(at, 0, String(r.int(1000)));
    }
  }
  return chars.join('');
}

function assertClientError(model: ServiceModel, req: HttpRequest): void {
  try {
    decodeRequest(model, req);
  } catch (error) {
    assert.ok(
      error instanceof AwsError,
      `${req.method} ${req.rawPath}?${req.rawQuery} ${req.body}: ${error}`,
    );
    assert.ok(error.status >= 400 && error.status < 500, `${error.code} ${error.status}`);
    const response = encodeError(model, error, { requestId: 'fuzz', request: req });
    assert.equal(response.status, error.status);
  }
}

const ROUNDS = 400;

describe('fuzz: decoding never crashes', () => {
  for (const [name, prefix] of [
    ['dynamodb', 'DynamoDB_20120810'],
    ['logs', 'Logs_20140328'],
    ['sqs', 'AmazonSQS'],
  ] as const) {
    it(`json (${name}): random inputs for every operation, and mutated bodies`, () => {
      const model = loadModel(name);
      const r = random(name.length * 7919);
      const operations = Object.values(model.operations);
      for (let i = 0; i < ROUNDS; i++) {
        const op = r.pick(operations);
        const body = JSON.stringify(op.input ? valueFor(model, op.input.shape, r) : {});
        const sent = r.next() < 0.3 ? mutate(body, r) : body;
        const target =
          r.next() < 0.9 ? `${prefix}.${op.name}` : r.pick(['', prefix, `${prefix}.`, `x.${op.name}`]);
        assertClientError(model, request({ headers: { 'x-amz-target': target }, body: sent }));
      }
      const deep = `{"TableName":"table","Item":{"a":${'{"M":{"a":'.repeat(200)}{"S":"x"}${'}}'.repeat(200)}}}`;
      assertClientError(
        loadModel('dynamodb'),
        request({ headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' }, body: deep }),
      );
    });
  }

  for (const name of ['cloudformation', 'sts', 'iam', 'sns']) {
    it(`query (${name}): random parameters for every operation`, () => {
      const model = loadModel(name);
      const r = random(name.length * 104729);
      const operations = Object.values(model.operations);
      const members = operations.flatMap((op) =>
        op.input ? Object.keys(model.shapes[op.input.shape].members ?? {}) : [],
      );
      for (let i = 0; i < ROUNDS; i++) {
        const op = r.pick(operations);
        const params = new URLSearchParams({ Action: r.next() < 0.95 ? op.name : r.pick(ODD_STRINGS) });
        for (let n = r.int(6); n > 0; n--) {
          const key = [
            r.pick(members),
            ...Array.from({ length: r.int(4) }, () =>
              r.pick(['member', 'entry', '1', '2', 'key', 'value', 'Key', '0', '-1']),
            ),
          ];
          params.append(key.join('.'), String(oddValue(r)));
        }
        const body = r.next() < 0.2 ? mutate(params.toString(), r) : params.toString();
        assertClientError(
          model,
          request({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
        );
      }
    });
  }

  for (const name of ['lambda', 'apigateway']) {
    it(`rest-json (${name}): random paths, methods, queries and bodies`, () => {
      const model = loadModel(name);
      const r = random(name.length * 15485863);
      const operations = Object.values(model.operations);
      for (let i = 0; i < ROUNDS; i++) {
        const op = r.pick(operations);
        const path = op.http.requestUri
          .split('?')[0]
          .replace(/\{[^}]+\}/g, () => encodeURIComponent(String(r.pick(ODD_STRINGS) || 'x')));
        const method = r.next() < 0.9 ? op.http.method : r.pick(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
        const query = r.next() < 0.5 ? `?MaxItems=${r.pick(ODD_STRINGS)}&Qualifier=${r.int(9)}&limit=x` : '';
        const body = op.input ? JSON.stringify(valueFor(model, op.input.shape, r)) : '';
        const sent = r.next() < 0.3 ? mutate(body, r) : body;
        const headers = {
          'x-amz-invocation-type': r.pick(['Event', 'Nope', '']),
          'x-amz-client-context': r.pick(ODD_STRINGS),
        };
        assertClientError(model, request({ method, url: `${path}${query}`, headers, body: sent }));
      }
    });
  }

  it('rest-xml (s3): random routes, headers and mutated XML bodies', () => {
    const model = loadModel('s3');
    const r = random(2024);
    const operations = Object.values(model.operations);
    const xml =
      '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>';
    for (let i = 0; i < ROUNDS; i++) {
      const op = r.pick(operations);
      const path = op.http.requestUri.replace(/\{[^}]+\}/g, () =>
        encodeURIComponent(r.pick(ODD_STRINGS) || 'b'),
      );
      const body = r.next() < 0.5 ? mutate(xml, r) : r.pick(['', 'garbage', '5\r\nhello\r\n0\r\n\r\n', xml]);
      const headers = {
        'content-length': r.pick(['10', 'x', '-1']),
        'x-amz-meta-a': r.pick(ODD_STRINGS),
        'content-encoding': r.pick(['aws-chunked', 'gzip', '']),
        expires: r.pick(['never', 'Wed, 21 Oct 2025 07:28:00 GMT']),
        'x-amz-copy-source': r.pick(['b/k', '']),
        host: r.pick(['localhost', 'b.s3.localhost', 's3.localhost']),
      };
      assertClientError(
        model,
        request({ method: r.next() < 0.9 ? op.http.method : 'PATCH', url: path, headers, body }),
      );
    }
  });
});
