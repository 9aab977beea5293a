import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { HttpRequest } from '../../src/protocol/http.ts';
import { prepareBody, signedPayloadHash } from '../../src/services/s3/request-body.ts';

/** What prepareBody made of each request the server received. */
type Prepared = { req: HttpRequest; bodyText: string };

describe('s3: request bodies as the protocol layer gets them', () => {
  let server: Server;
  let port: number;
  let prepare: (operation: string) => void;
  let prepared: Promise<Prepared>;
  before(async () => {
    let operation = 'PutObject';
    prepare = (name) => {
      operation = name;
    };
    server = createServer((message: IncomingMessage, res) => {
      const req: HttpRequest = {
        method: message.method!,
        rawPath: message.url!,
        path: message.url!,
        rawQuery: '',
        query: new URLSearchParams(),
        hostname: '127.0.0.1',
        headers: message.headers,
        body: Buffer.alloc(0),
        stream: message,
      } as unknown as HttpRequest;
      prepared = prepareBody(req, operation, 5000).then(async (ready) => {
        const body = ready.body.length > 0 || !ready.stream ? ready.body : await text(ready.stream);
        res.end('ok');
        return { req: ready, bodyText: body.toString() };
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (headers: Record<string, string>, parts: string[], pauseMs = 0) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'PUT', path: '/b/k', headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => req.end(parts.join('')), pauseMs);
    });

  it('hands over a small upload that came with its headers as a buffer, its signed hash kept for the check', async () => {
    prepare('PutObject');
    const body = 'hello world';
    const sha = createHash('sha256').update(body).digest('hex');
    await send({ 'content-length': String(body.length), 'x-amz-content-sha256': sha }, [body]);
    const { req, bodyText } = await prepared;
    assert.equal(bodyText, body);
    assert.ok(Buffer.isBuffer(req.body) && req.body.length === body.length);
    assert.equal(signedPayloadHash(req.body), sha);
  });

  it('streams an upload whose body had not arrived yet', async () => {
    prepare('PutObject');
    const body = 'late body';
    await send(
      { 'content-length': String(body.length), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      [body],
      50,
    );
    const { req, bodyText } = await prepared;
    assert.equal(bodyText, body);
    assert.equal(req.body.length, 0);
    assert.ok(req.stream instanceof Readable);
  });

  it('decodes a small aws-chunked upload through its decoder, not as a raw buffer', async () => {
    prepare('PutObject');
    const framed = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n';
    await send(
      {
        'content-length': String(framed.length),
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      [framed],
    );
    const { req, bodyText } = await prepared;
    assert.equal(bodyText, 'hello');
    assert.equal(req.headers['content-length'], '5');
  });

  it('reads the small body of any other operation into memory', async () => {
    prepare('PutBucketTagging');
    const xml = '<Tagging><TagSet/></Tagging>';
    await send({ 'content-length': String(xml.length) }, [xml]);
    const { req, bodyText } = await prepared;
    assert.equal(bodyText, xml);
    assert.equal(req.stream, undefined);
  });
});

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
