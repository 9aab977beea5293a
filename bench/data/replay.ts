// Requests signed once by the AWS SDK and sent again over plain keep-alive HTTP: the load of `--client http`
// (bench/data.ts), where the server, not the SDK's own per-request work (its middleware, the signing, hashing the
// body, parsing the answer), is what limits the throughput. AWS accepts a signed request again until its signature
// expires (15 minutes of clock skew), and so do Stratus and the peers.
import http from 'node:http';

/** One signed request as the SDK would have sent it. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query string, encoded. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array | string;
}

interface SdkClient {
  readonly middlewareStack: {
    add(middleware: unknown, options: { step: 'finalizeRequest'; priority: 'low'; name?: string }): void;
  };
}

/** RFC 3986 encoding, as SigV4 canonicalizes a query string. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A signer built on `client`: `sign(send)` runs `send` (which calls `client.send`) up to the signed request and
 * returns that request instead of sending it. The client is only good for signing afterwards.
 */
export function requestSigner(client: SdkClient): (send: () => Promise<unknown>) => Promise<SignedRequest> {
  let signed: SignedRequest | undefined;
  client.middlewareStack.add(
    () => async (args: { request: SignedRequest & { query?: Record<string, string | string[]> } }) => {
      const { method, path, headers, body, query } = args.request;
      const pairs = Object.entries(query ?? {}).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${encode(name)}=${encode(v)}`),
      );
      signed = { method, path: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path, headers, body };
      throw CAPTURED;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'benchCaptureSignedRequest' },
  );
  return async (send) => {
    signed = undefined;
    await send().catch((error: unknown) => {
      if (error !== CAPTURED) throw error;
    });
    if (!signed) throw new Error('the SDK sent nothing to sign');
    return signed;
  };
}

const CAPTURED = new Error('captured');

export interface ReplayAnswer {
  readonly status: number;
  /** Bytes of the answer's body. */
  readonly length: number;
  /** The body as text, when asked for. */
  readonly text?: string;
}

/**
 * Sends `request` on `agent` (keep-alive, one connection per virtual client; `false`: a connection of its own);
 * waits for `100 Continue` when asked.
 */
export function replay(
  endpoint: URL,
  agent: http.Agent | false,
  request: SignedRequest,
  keepText = false,
): Promise<ReplayAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: endpoint.hostname,
        port: endpoint.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent,
      },
      (res) => {
        let length = 0;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (keepText) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            length,
            text: keepText ? Buffer.concat(chunks).toString('utf8') : undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const expectsContinue = Object.entries(request.headers).some(
      ([name, value]) => name.toLowerCase() === 'expect' && value.toLowerCase() === '100-continue',
    );
    if (expectsContinue) req.on('continue', () => req.end(request.body));
    else req.end(request.body);
  });
}
