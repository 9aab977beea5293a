/**
 * S3 uploads the SDK streams arrive `aws-chunked`: `<hex size>[;chunk-signature=…]\r\n<data>\r\n`
 * repeated, a zero-size chunk, then optional trailers (`x-amz-checksum-crc32:…`). This strips
 * the framing so the object is the data alone.
 */
import { type HttpRequest, header } from './http.ts';

export function isAwsChunked(req: HttpRequest): boolean {
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  const encoding = header(req, 'content-encoding') ?? '';
  return sha.startsWith('STREAMING-') || encoding.split(',').some((e) => e.trim() === 'aws-chunked');
}

export class ChunkedBodyError extends Error {}

export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) throw new ChunkedBodyError('chunk header not terminated');
    const sizeText = body.toString('latin1', at, lineEnd).split(';')[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new ChunkedBodyError('invalid chunk size');
    const size = Number.parseInt(sizeText, 16);
    at = lineEnd + 2;
    if (size === 0) break;
    if (at + size > body.length) throw new ChunkedBodyError('chunk longer than the body');
    parts.push(body.subarray(at, at + size));
    at += size;
    if (body.toString('latin1', at, at + 2) !== '\r\n') throw new ChunkedBodyError('chunk not terminated');
    at += 2;
  }
  // Trailers (checksums) follow; a buffered body has no use for them.
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** The Content-Encoding the object keeps once `aws-chunked` is removed (undefined when none is left). */
export function withoutAwsChunked(encoding: string | undefined): string | undefined {
  if (encoding === undefined) return undefined;
  const rest = encoding
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  return rest.length > 0 ? rest.join(', ') : undefined;
}
