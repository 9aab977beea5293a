/**
 * Scalar values on the wire: timestamps in AWS's three formats and base64 blobs. Services
 * see timestamps as Date and blobs as Buffer; these helpers convert both ways.
 */
import type { Shape, TimestampFormat } from './model.ts';

/** Parses a timestamp as AWS accepts it: epoch seconds (number or numeric string), ISO 8601 or RFC 822. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number')
    return Number.isFinite(value) ? new Date(Math.round(value * 1000)) : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return parseTimestamp(Number(value));
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * A scalar member's text (a query parameter, header or URI label) as its type: numbers, booleans,
 * timestamps and base64 blobs; undefined when the text is not valid for the type. Strings (and any
 * other type) come back as the text. The text `NaN` is a float only where `allowNaN` (REST bindings).
 */
export function parseScalarText(type: Shape['type'], text: string, allowNaN: boolean): unknown {
  switch (type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
    case 'float':
    case 'double': {
      const number = Number(text);
      if (text.trim() === '' || (Number.isNaN(number) && !(allowNaN && text === 'NaN'))) return undefined;
      return number;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower === 'true' : undefined;
    }
    case 'timestamp':
      return parseTimestamp(text);
    case 'blob':
      return decodeBase64(text);
    default:
      return text;
  }
}

/** Writes a timestamp in the wire format: epoch seconds as a number, ISO 8601 or RFC 822 text. */
export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = toDate(value);
  switch (format) {
    case 'unixTimestamp':
      return date.getTime() / 1000;
    case 'rfc822':
      return date.toUTCString();
    default:
      return date.toISOString();
  }
}

/** What a service may return for a timestamp: a Date, epoch milliseconds, or a parsable string. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new TypeError(`not a timestamp: ${String(value)}`);
  return new Date(parsed);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 (AWS refuses what Node's lenient decoder would accept); undefined when invalid. */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** What a service may return for a blob: a Buffer, any Uint8Array, or a string (taken as UTF-8). */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new TypeError('not a blob');
}

export function encodeBase64(value: unknown): string {
  return toBuffer(value).toString('base64');
}

/** Sets a map entry from the wire; a key named `__proto__` stays a key, never the prototype. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
