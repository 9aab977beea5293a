import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HEX_SHA256 } from '../../iam/sigv4/payload-hash.ts';
import { isAwsChunked, withoutAwsChunked } from '../../protocol/aws-chunked.ts';
import { type HttpRequest, header } from '../../protocol/http.ts';
import { AwsChunkedDecoder } from './aws-chunked-stream.ts';
import { INLINE_MAX_BYTES } from './bodies.ts';
import { S3Errors } from './errors.ts';
import { guardIdleBody } from './idle-body.ts';

/** Operations whose body is the object: streamed to disk, never held whole in memory. */
const STREAMING_OPERATIONS = new Set(['PutObject', 'UploadPart']);

/** XML request bodies (DeleteObjects of 1,000 keys, configurations) stay well under this. */
const MAX_XML_BODY = 8 * 1024 * 1024;

/**
 * The request as the protocol layer should decode it. Object uploads keep their stream (with
 * `aws-chunked` framing stripped on the fly, and the headers saying so), except a small one that
 * has already arrived whole, handed over as a buffer; every other operation gets its small body
 * read into memory.
 */
export async function prepareBody(
  received: HttpRequest,
  operation: string | undefined,
  idleTimeoutMs: number,
): Promise<HttpRequest> {
  const rooted = withRootedCopySource(received);
  if (!rooted.stream) return rooted;
  const streaming = operation !== undefined && STREAMING_OPERATIONS.has(operation);
  // (aws-chunked uploads keep their decoder, whatever their size.)
  const arrived =
    streaming && isAwsChunked(rooted)
      ? undefined
      : await arrivedBody(rooted, streaming ? INLINE_MAX_BYTES : MAX_XML_BODY);
  if (arrived && !streaming) return { ...rooted, body: arrived, stream: undefined };
  if (arrived && arrived.length > 0) {
    // An object upload that already arrived whole (a small one): its bytes as the body, no stream to
    // pipe and time. The request keeps its `stream`, so the signed hash is still checked with the
    // other digests (upload.ts), after the same checks as a streamed body.
    const contentSha256 = header(rooted, 'x-amz-content-sha256') ?? '';
    if (HEX_SHA256.test(contentSha256)) signPayload(arrived, contentSha256);
    return { ...rooted, body: arrived };
  }
  const stream = declaresBody(rooted) ? guardIdleBody(rooted.stream, idleTimeoutMs) : rooted.stream;
  const req = { ...rooted, stream };
  if (streaming) {
    const contentSha256 = header(req, 'x-amz-content-sha256') ?? '';
    if (!isAwsChunked(req)) {
      if (HEX_SHA256.test(contentSha256)) signPayload(stream, contentSha256);
      ownChunks(stream);
      return req;
    }
    const decoder = new AwsChunkedDecoder({
      signed: contentSha256.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD'),
    });
    pipeline(stream, decoder).catch(() => {
      // The decoder carries the error to whoever reads it.
    });
    const headers = { ...req.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    const encoding = withoutAwsChunked(headers['content-encoding']);
    if (encoding === undefined) delete headers['content-encoding'];
    else headers['content-encoding'] = encoding;
    const decoded = header(req, 'x-amz-decoded-content-length');
    if (decoded !== undefined) headers['content-length'] = decoded;
    else delete headers['content-length'];
    return { ...req, headers, stream: decoder };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_XML_BODY) throw S3Errors.tooBig();
    chunks.push(chunk as Buffer);
  }
  return { ...req, body: Buffer.concat(chunks, size), stream: undefined };
}

const NO_BODY = Buffer.alloc(0);

/**
 * The body, when it is at most `maxBytes` and the HTTP parser has already seen all of it: read at
 * once from the request's buffer. Undefined while some is still on its way.
 */
async function arrivedBody(req: HttpRequest, maxBytes: number): Promise<Buffer | undefined> {
  const stream = req.stream as Readable & { complete?: boolean };
  const length = header(req, 'content-length');
  if (length === undefined ? header(req, 'transfer-encoding') !== undefined : !(Number(length) <= maxBytes))
    return undefined;
  // The edge hands a request over from inside the HTTP parser, before it parses the bytes that came
  // with the headers (microtasks run first, too): after this turn of the event loop it has (a small
  // body that came with them is then whole).
  if (stream.complete !== true) await new Promise(setImmediate);
  if (stream.complete !== true || stream.readableFlowing || stream.readableLength > maxBytes)
    return undefined;
  return (stream.read() as Buffer | null) ?? NO_BODY;
}

/** Where an upload's body (stream or buffer) carries the SHA-256 its request signed (checked as the body is staged). */
const SIGNED_SHA256 = Symbol('signed x-amz-content-sha256');

function signPayload(body: Readable | Buffer, sha256: string): void {
  (body as (Readable | Buffer) & { [SIGNED_SHA256]?: string })[SIGNED_SHA256] = sha256;
}

/** The hex SHA-256 an upload's body must hash to (a signed x-amz-content-sha256), if any. */
export function signedPayloadHash(body: unknown): string | undefined {
  return (body as { [SIGNED_SHA256]?: string } | undefined)?.[SIGNED_SHA256];
}

/**
 * Marks a stream whose chunks no one else holds: each is a fresh buffer the HTTP parser filled for
 * this body alone, so a writer thread may take it over (transfer) instead of copying it.
 */
const OWNED_CHUNKS = Symbol('chunks owned by their reader');

function ownChunks(stream: Readable): void {
  (stream as Readable & { [OWNED_CHUNKS]?: boolean })[OWNED_CHUNKS] = true;
}

/** Whether an upload's body chunks may be handed over (transferred) rather than copied. */
export function ownsChunks(body: unknown): boolean {
  return (body as { [OWNED_CHUNKS]?: boolean } | undefined)?.[OWNED_CHUNKS] === true;
}

/** Trailing headers of an `aws-chunked` upload (its checksum), once the body has been read. */
export function trailersOf(body: unknown): Record<string, string> {
  return body instanceof AwsChunkedDecoder ? body.trailers : {};
}

/**
 * AWS takes `x-amz-copy-source` as `bucket/key` or `/bucket/key`; botocore's model pattern
 * (`\/.+\/.+`) knows only the second, so the first is given its slash before validation.
 */
function withRootedCopySource(req: HttpRequest): HttpRequest {
  const source = header(req, 'x-amz-copy-source');
  if (source === undefined || source.startsWith('/')) return req;
  return { ...req, headers: { ...req.headers, 'x-amz-copy-source': `/${source}` } };
}

/** A request with a body says so (a non-zero Content-Length, or chunked transfer encoding). */
function declaresBody(req: HttpRequest): boolean {
  const length = header(req, 'content-length');
  return length !== undefined ? length !== '0' : header(req, 'transfer-encoding') !== undefined;
}
