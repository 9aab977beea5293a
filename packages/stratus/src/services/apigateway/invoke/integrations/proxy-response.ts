import type { HttpResponse } from '../../../../protocol/http.ts';

const FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/** Why a function's answer is not a proxy response, for the log; undefined when it is one. */
type Parsed = { ok: true; response: HttpResponse } | { ok: false; reason: string };

/**
 * Maps a function's answer to the HTTP response, as a Lambda proxy integration does: a JSON
 * object with only statusCode (default 200), headers, multiValueHeaders, body (a string) and
 * isBase64Encoded. Anything else is a malformed proxy response (502). A base64 body is decoded
 * when the client's Accept is one of the API's binary media types, as AWS does.
 */
export function parseProxyResponse(payload: string, acceptsBinary: boolean): Parsed {
  let answer: unknown;
  try {
    answer = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'the function did not return JSON' };
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    return { ok: false, reason: 'the function did not return a JSON object' };
  }
  const fields = answer as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !FIELDS.has(key));
  if (unknown)
    return { ok: false, reason: `the response has a field API Gateway does not accept: ${unknown}` };
  const status = parseStatus(fields.statusCode);
  if (status === undefined)
    return { ok: false, reason: `statusCode ${JSON.stringify(fields.statusCode)} is not an HTTP status` };
  const headers = mergeHeaders(fields.headers, fields.multiValueHeaders);
  if (typeof headers === 'string') return { ok: false, reason: headers };
  const body = fields.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, reason: 'body must be a string' };
  }
  const base64 = fields.isBase64Encoded;
  if (base64 !== undefined && base64 !== null && typeof base64 !== 'boolean') {
    return { ok: false, reason: 'isBase64Encoded must be a boolean' };
  }
  const text = body ?? '';
  // Text stays a string: the edge sends it with the headers in one write (its UTF-8 is the same bytes).
  const bytes = base64 === true && acceptsBinary ? Buffer.from(text, 'base64') : text;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  return { ok: true, response: { status, headers, body: bytes } };
}

function parseStatus(value: unknown): number | undefined {
  if (value === undefined || value === null) return 200;
  const status =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

/**
 * `headers` and `multiValueHeaders` merged: a name in both gets the multi values first, then
 * the single one (in the multi entry's casing). Returns why the headers are malformed instead.
 */
function mergeHeaders(single: unknown, multi: unknown): Record<string, string | string[]> | string {
  const merged: Record<string, string | string[]> = {};
  if (single !== undefined && single !== null) {
    if (typeof single !== 'object' || Array.isArray(single)) return 'headers must be an object';
    for (const [name, value] of Object.entries(single)) {
      const text = headerValue(value);
      if (text === undefined) return `header ${name} must be a string`;
      merged[name] = text;
    }
  }
  if (multi !== undefined && multi !== null) {
    if (typeof multi !== 'object' || Array.isArray(multi)) return 'multiValueHeaders must be an object';
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return `multiValueHeaders.${name} must be a list`;
      const texts = values.map(headerValue);
      if (texts.some((t) => t === undefined)) return `multiValueHeaders.${name} must hold strings`;
      const sameName = Object.keys(merged).find((n) => n.toLowerCase() === name.toLowerCase());
      const extra = sameName === undefined ? [] : [merged[sameName] as string];
      if (sameName !== undefined) delete merged[sameName];
      merged[name] = [...(texts as string[]), ...extra];
    }
  }
  return merged;
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}
