import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** A request as the edge hands it to a protocol or a raw route: parsed, with the body read. */
export interface HttpRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  readonly rawPath: string;
  /** The path with percent-encoding decoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The raw query string without the leading `?` (SigV4 canonicalizes from it). */
  readonly rawQuery: string;
  /** Header names are lower case. */
  readonly headers: IncomingHttpHeaders;
  /** The header lines as sent (name, value, name, value, …), for routes that pass them on verbatim. */
  readonly rawHeaders?: readonly string[];
  /** Host header without the port, lower case. */
  readonly hostname: string;
  readonly scheme: 'http' | 'https';
  readonly remoteAddress: string;
  /** The whole body, for routes that read it buffered (everything but streaming uploads). */
  readonly body: Buffer;
  /** The unread body, for routes that asked to stream it (large S3 objects). */
  readonly stream?: Readable;
  /** Stratus clock time at which the request arrived. */
  readonly receivedAt: number;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string | number | string[]>;
  body?: string | Buffer | Uint8Array | Readable;
}

/** First value of a header (Node joins most repeated headers; a few arrive as arrays). */
export function header(req: Pick<HttpRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Percent-decodes a path or label, keeping text that is not valid percent-encoding as it came. */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text; // nothing to decode (most paths): no copy
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
