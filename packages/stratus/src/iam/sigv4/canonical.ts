import { hash } from 'node:crypto';
import { type HttpRequest, safeDecode } from '../../protocol/http.ts';

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - _ . ~` is %XX. */
export function uriEncode(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate: AWS would not have received such a path; encode byte by byte instead.
    encoded = [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Buffer): string {
  // The one-shot hash: no Hash object per call (it is made twice a request).
  return hash('sha256', data, 'hex');
}

export const EMPTY_SHA256 = sha256Hex('');

/**
 * The canonical URI. S3 signs the path as sent (each segment encoded once, no normalization);
 * every other service normalizes `.`/`..`/empty segments and encodes twice.
 */
export function canonicalUri(rawPath: string, s3: boolean): string {
  const segments = rawPath.split('/');
  if (s3) {
    const uri = segments.map((s) => uriEncode(safeDecode(s))).join('/');
    return uri.startsWith('/') ? uri : `/${uri}`;
  }
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(uriEncode(uriEncode(safeDecode(segment))));
  }
  const trailing = kept.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${kept.join('/')}${trailing}`;
}

/** The canonical query string: pairs encoded once, sorted by name then value; the signature itself left out. */
export function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (rawQuery === '') return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq === -1 ? part : part.slice(0, eq));
    if (presigned && name === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(name), uriEncode(safeDecode(eq === -1 ? '' : part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** All values a header was sent with (as sent, before Node joined or dropped repeats). */
function headerValues(req: Pick<HttpRequest, 'headers' | 'rawHeaders'>, name: string): string[] {
  const raw = req.rawHeaders;
  if (raw) {
    const values: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === name) values.push(raw[i + 1]!);
    }
    return values;
  }
  const value = req.headers[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
}

/** `name:value\n` for each signed header: values trimmed, inner runs of spaces collapsed, repeats joined by `,`. */
export function canonicalHeaders(
  req: Pick<HttpRequest, 'headers' | 'rawHeaders'>,
  signedHeaders: readonly string[],
): string {
  let out = '';
  for (const name of signedHeaders) {
    const values = headerValues(req, name).map((v) => v.trim().replace(/\s+/g, ' '));
    out += `${name}:${values.join(',')}\n`;
  }
  return out;
}

/** A header's value as the client sent it (the signed value, before any rewriting by Stratus). */
export function sentHeader(
  req: Pick<HttpRequest, 'headers' | 'rawHeaders'>,
  name: string,
): string | undefined {
  const values = headerValues(req, name);
  return values.length === 0 ? undefined : values.join(',');
}

export interface CanonicalParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  readonly headers: string;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

export function canonicalRequest(parts: CanonicalParts): string {
  return [
    parts.method,
    parts.uri,
    parts.query,
    parts.headers,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}
