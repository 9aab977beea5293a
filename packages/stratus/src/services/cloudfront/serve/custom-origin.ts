import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpRequest, HttpResponse } from '../../../protocol/http.ts';
import type { Origin } from '../../../protocol/models/types/cloudfront.ts';

/** Hop-by-hop headers, and the ones CloudFront sets itself, are not passed between viewer and origin. */
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

export interface CustomOriginTarget {
  /** Stratus's own HTTP port: origins on AWS host names (`*.amazonaws.com`) are served here. */
  readonly stratusPort: number;
  /** The real time an origin may take to answer (OriginReadTimeout, 30 s by default). */
  readonly timeoutMs: number;
}

export class OriginUnreachable extends Error {
  readonly timedOut: boolean;
  constructor(message: string, timedOut: boolean) {
    super(message);
    this.timedOut = timedOut;
  }
}

/**
 * A request to a custom origin over HTTP. An AWS host name (an API's `execute-api` domain, a
 * bucket's `s3-website` endpoint) is Stratus itself: the request goes to its edge with the host's
 * local name (`….amazonaws.com` → `….localhost`). Any other host is fetched on its configured port.
 */
export async function fetchCustomOrigin(
  origin: Origin,
  path: string,
  req: HttpRequest,
  target: CustomOriginTarget,
): Promise<HttpResponse> {
  const config = origin.CustomOriginConfig;
  const aws = /\.amazonaws\.com$/i.test(origin.DomainName);
  const https =
    !aws &&
    (config?.OriginProtocolPolicy === 'https-only' ||
      (config?.OriginProtocolPolicy === 'match-viewer' && req.scheme === 'https'));
  const host = aws ? origin.DomainName.replace(/\.amazonaws\.com$/i, '.localhost') : origin.DomainName;
  const port = aws ? target.stratusPort : https ? (config?.HTTPSPort ?? 443) : (config?.HTTPPort ?? 80);
  const headers: Record<string, string | string[]> = { host };
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
  }
  for (const custom of origin.CustomHeaders?.Items ?? [])
    headers[custom.HeaderName.toLowerCase()] = custom.HeaderValue;
  headers['x-forwarded-for'] = req.remoteAddress;
  if (req.body.length > 0) headers['content-length'] = String(req.body.length);
  const query = req.rawQuery ? `?${req.rawQuery}` : '';
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        host: aws ? '127.0.0.1' : host,
        port,
        method: req.method,
        path: `${origin.OriginPath ?? ''}${path}${query}`,
        headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            headers: responseHeaders(response.headers),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.setTimeout(target.timeoutMs, () =>
      outgoing.destroy(new OriginUnreachable(`${host} did not answer in time`, true)),
    );
    outgoing.on('error', (error) =>
      reject(error instanceof OriginUnreachable ? error : new OriginUnreachable(error.message, false)),
    );
    outgoing.end(req.body.length > 0 ? req.body : undefined);
  });
}

function responseHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NOT_FORWARDED.has(name) || name === 'date') continue;
    out[name] = value;
  }
  return out;
}
