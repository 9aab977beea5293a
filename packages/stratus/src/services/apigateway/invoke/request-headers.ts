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
  // One pass notes the headers that decide what is added (each name lower-cased once).
  let forwardedFor: [string, string] | undefined;
  let hasTrace = false;
  let hasPort = false;
  let hasProto = false;
  for (const [name, value] of headerLines(req)) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    const line: [string, string] = [CAPITALIZED[lower] ?? name, value];
    lines.push(line);
    if (lower === 'x-forwarded-for') forwardedFor ??= line;
    else if (lower === 'x-amzn-trace-id') hasTrace = true;
    else if (lower === 'x-forwarded-port') hasPort = true;
    else if (lower === 'x-forwarded-proto') hasProto = true;
  }
  const sourceIp = clientIp(req);
  if (forwardedFor) forwardedFor[1] = `${forwardedFor[1]}, ${sourceIp}`;
  else lines.push(['X-Forwarded-For', sourceIp]);
  if (!hasTrace) lines.push(['X-Amzn-Trace-Id', traceId]);
  if (!hasPort) lines.push(['X-Forwarded-Port', portOf(req)]);
  if (!hasProto) lines.push(['X-Forwarded-Proto', req.scheme]);
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
  const address = req.remoteAddress;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
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
