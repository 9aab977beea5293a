import type { HttpRequest } from '../../../protocol/http.ts';

/** Headers API Gateway does not pass on to the integration, not even to a proxy. */
const DROPPED = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'www-authenticate',
]);
/** Headers that arrive capitalized whatever the client sent (they pass through CloudFront). */
const CAPITALIZED: Record<string, string> = { authorization: 'Authorization', 'user-agent': 'User-Agent' };

/**
 * The request's headers as API Gateway hands them on: one entry per header line, in the
 * client's casing where the edge kept it, plus the tracing and forwarding headers AWS adds.
 */
export function forwardedHeaders(req: HttpRequest, traceId: string): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  for (const [name, value] of headerLines(req)) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    lines.push([CAPITALIZED[lower] ?? name, value]);
  }
  const has = (name: string) => lines.some(([n]) => n.toLowerCase() === name);
  const sourceIp = clientIp(req);
  const forwardedFor = lines.find(([n]) => n.toLowerCase() === 'x-forwarded-for');
  if (forwardedFor) forwardedFor[1] = `${forwardedFor[1]}, ${sourceIp}`;
  else lines.push(['X-Forwarded-For', sourceIp]);
  if (!has('x-amzn-trace-id')) lines.push(['X-Amzn-Trace-Id', traceId]);
  if (!has('x-forwarded-port')) lines.push(['X-Forwarded-Port', portOf(req)]);
  if (!has('x-forwarded-proto')) lines.push(['X-Forwarded-Proto', req.scheme]);
  return lines;
}

/** `headers` keeps the last value of a repeated header; `multiValueHeaders` keeps them all. */
export function singleAndMulti(lines: ReadonlyArray<readonly [string, string]>): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of lines) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

export function clientIp(req: HttpRequest): string {
  return req.remoteAddress.replace(/^::ffff:/, '');
}

/** One [name, value] per header line: from the raw lines when the edge kept them. */
function headerLines(req: HttpRequest): Array<[string, string]> {
  const raw = req.rawHeaders;
  if (raw) {
    const lines: Array<[string, string]> = [];
    for (let i = 0; i + 1 < raw.length; i += 2) lines.push([raw[i]!, raw[i + 1]!]);
    return lines;
  }
  return Object.entries(req.headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : Array.isArray(value)
        ? value.map((v): [string, string] => [name, v])
        : [[name, value]],
  );
}

function portOf(req: HttpRequest): string {
  const host = req.headers.host ?? '';
  const port = /:(\d+)$/.exec(host)?.[1];
  return port ?? (req.scheme === 'https' ? '443' : '80');
}
