import { type IncomingMessage, request } from 'node:http';
import type { Stratus } from '../../src/stratus.ts';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A plain HTTP request to the instance's edge on 127.0.0.1 with any Host header, for host-style URLs
 * (`*.localhost` names do not resolve in Node here). `host` is sent as given and wins over `headers`;
 * without it the Host is the edge itself.
 */
export function rawRequest(
  stratus: Stratus,
  options: {
    path: string;
    method?: string;
    host?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: stratus.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { ...options.headers, host: options.host ?? `127.0.0.1:${stratus.port}` },
      },
      (res) => readResponse(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A response read to its end, its body as UTF-8 text. */
export function readResponse(res: IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    res.on('error', reject);
  });
}
