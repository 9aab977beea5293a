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
  if (rawPath === '/') return '/'; // every JSON and Query protocol call: either way, the root
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

/**
 * The headers as the client sent them, by lower-case name (before Node joined or dropped repeats),
 * read from the raw header lines once per request: SigV4 looks up a dozen of them.
 */
export class SentHeaders {
  /** One value, or every value of a repeated header in the order sent. */
  readonly #values = new Map<string, string | string[]>();

  constructor(req: Pick<HttpRequest, 'headers' | 'rawHeaders'>) {
    const raw = req.rawHeaders;
    if (raw) {
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = raw[i]!.toLowerCase();
        const value = raw[i + 1]!;
        const seen = this.#values.get(name);
        if (seen === undefined) this.#values.set(name, value);
        else if (typeof seen === 'string') this.#values.set(name, [seen, value]);
        else seen.push(value);
      }
      return;
    }
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value === undefined) continue;
      if (!Array.isArray(value)) this.#values.set(name, String(value));
      else if (value.length > 0) this.#values.set(name, value.length === 1 ? value[0]! : [...value]);
    }
  }

  /** A header's value as sent (repeats joined by `,`), the signed value before any rewriting by Stratus. */
  get(name: string): string | undefined {
    const value = this.#values.get(name);
    return typeof value === 'string' || value === undefined ? value : value.join(',');
  }

  /** `name:value\n` for each signed header: values trimmed, inner runs of spaces collapsed, repeats joined by `,`. */
  canonical(signedHeaders: readonly string[]): string {
    let out = '';
    for (const name of signedHeaders) {
      const value = this.#values.get(name);
      const text =
        value === undefined
          ? ''
          : typeof value === 'string'
            ? canonicalValue(value)
            : value.map(canonicalValue).join(',');
      out += `${name}:${text}\n`;
    }
    return out;
  }
}

/** Whitespace that the collapse below would change: anything but a lone space. */
const COLLAPSIBLE = /[^\S ]|\s\s/;

/** A value trimmed with its inner runs of whitespace collapsed to one space (most values have none to collapse). */
function canonicalValue(value: string): string {
  const trimmed = value.trim();
  return COLLAPSIBLE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
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
  return `${parts.method}\n${parts.uri}\n${parts.query}\n${parts.headers}\n${parts.signedHeaders.join(';')}\n${parts.payloadHash}`;
}
