import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Clock } from '../clock/clock.ts';
import { FileBody } from '../protocol/file-body.ts';
import { type HttpRequest, type HttpResponse, safeDecode } from '../protocol/http.ts';
import type { RouteProbe } from '../services/service.ts';
import type { TlsMaterial } from './tls.ts';

/** What the edge asks of the instance for each request. */
export interface RequestHandler {
  /** Who serves the request and how its body is read, decided once from the request line and headers alone. */
  plan(probe: RouteProbe): RequestPlan;
}

export interface RequestPlan {
  readonly maxBytes: number;
  readonly stream: boolean;
  tooLarge?(): HttpResponse;
  handle(req: HttpRequest): Promise<HttpResponse>;
}

/** Any body larger than this is refused unless a route asks for a stream. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface EdgeOptions {
  readonly host: string;
  readonly httpPort: number;
  /** Omit to serve HTTP only. */
  readonly httpsPort?: number;
  readonly clock: Clock;
  readonly handler: RequestHandler;
  readonly onError: (error: unknown) => void;
}

/** The front door: one HTTP port and one HTTPS port, every request routed by the handler. */
export class Edge {
  readonly #options: EdgeOptions;
  readonly #servers: Server[] = [];
  /** The Date header of the current second of the Stratus clock (formatting it per request showed up under load). */
  #dateSecond = Number.NaN;
  #dateHeader = '';
  httpPort = 0;
  httpsPort: number | undefined;

  constructor(options: EdgeOptions) {
    this.#options = options;
  }

  /** Opens the ports; HTTPS only when TLS material is given. */
  async listen(tls?: TlsMaterial): Promise<void> {
    const listener = (req: IncomingMessage, res: ServerResponse) => this.#serve(req, res);
    const options = { keepAliveTimeout: 65_000, requestTimeout: 0 };
    this.httpPort = await this.#bind(() => createHttpServer(options, listener), this.#options.httpPort);
    if (this.#options.httpsPort !== undefined && tls) {
      const factory = () => createHttpsServer({ ...options, key: tls.key, cert: tls.cert }, listener);
      this.httpsPort = await this.#bind(factory, this.#options.httpsPort);
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    this.#servers.length = 0;
  }

  /** Binds the IPv4 loopback and, where the machine has it, the IPv6 loopback on the same port. */
  async #bind(createServer: () => Server, port: number): Promise<number> {
    const server = createServer();
    const actual = await listenOn(server, port, this.#options.host);
    this.#servers.push(server);
    if (this.#options.host === '127.0.0.1') {
      const twin = createServer();
      try {
        await listenOn(twin, actual, '::1');
        this.#servers.push(twin);
      } catch {
        // No IPv6 loopback here (or the port is taken there): IPv4 alone serves.
      }
    }
    return actual;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Date follows the Stratus clock: SDKs correct their clock skew from it. It travels with the
    // answer's own headers (a header set on `res` first made Node merge every other one into it).
    (res as DatedResponse)[DATE] = this.#date();
    try {
      // Bodiless requests and buffered answers take no turn of the microtask queue of their own.
      const probe = routeProbe(req);
      const plan = this.#options.handler.plan(probe);
      const read = this.#readRequest(req, res, probe, plan);
      const request = read instanceof Promise ? await read : read;
      if (!request) return;
      const response = await plan.handle(request);
      const written = writeResponse(res, response);
      if (written) await written;
    } catch (error) {
      this.#options.onError(error);
      if (!res.headersSent) {
        try {
          await writeResponse(res, {
            status: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ __type: 'InternalFailure', message: 'Internal server error' }),
          });
        } catch {
          // The connection is gone: nothing more to tell the client.
        }
      } else {
        res.destroy();
      }
    }
  }

  #date(): string {
    const now = this.#options.clock.now();
    const second = Math.floor(now / 1000);
    if (second !== this.#dateSecond) {
      this.#dateSecond = second;
      this.#dateHeader = new Date(now).toUTCString();
    }
    return this.#dateHeader;
  }

  /** Reads the body as the plan says (or leaves it as a stream). Undefined: already answered. */
  #readRequest(
    req: IncomingMessage,
    res: ServerResponse,
    probe: RouteProbe,
    policy: RequestPlan,
  ): HttpRequest | undefined | Promise<HttpRequest | undefined> {
    const base = {
      ...probe,
      rawQuery: rawQueryOf(req.url ?? '/'),
      scheme: (req.socket as { encrypted?: boolean }).encrypted ? ('https' as const) : ('http' as const),
      remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
      rawHeaders: req.rawHeaders,
      receivedAt: this.#options.clock.now(),
    };
    if (policy.stream) return { ...base, body: Buffer.alloc(0), stream: req };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > policy.maxBytes) return refuseTooLarge(req, res, policy.tooLarge).then(() => undefined);
    // Most GETs carry no body: nothing to wait for.
    if (!hasBody(req)) return { ...base, body: NO_BODY };
    return readBody(req, policy.maxBytes).then(async (body) => {
      if (body !== undefined) return { ...base, body };
      await refuseTooLarge(req, res, policy.tooLarge);
      return undefined;
    });
  }
}

/** The request line and headers, as routes match them. */
function routeProbe(req: IncomingMessage): RouteProbe {
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  return {
    method: req.method ?? 'GET',
    rawPath,
    path: safeDecode(rawPath),
    query: new URLSearchParams(rawQueryOf(target)),
    hostname: stripPort(req.headers.host ?? 'localhost').toLowerCase(),
    headers: req.headers,
  };
}

function rawQueryOf(target: string): string {
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? '' : target.slice(queryAt + 1);
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const NO_BODY = Buffer.alloc(0);

/** Whether the request announces a body (a length above zero, or a chunked one). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * The whole body, or undefined once it exceeds `maxBytes` (the request is then destroyed). Events, not
 * `for await`: an async iterator per request was a visible share of a small API call's CPU.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.destroy();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
    // A client that goes away mid-body: what `for await` reported as a premature close.
    req.once('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before sending the whole body'));
    });
  });
}

async function refuseTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  tooLarge: (() => HttpResponse) | undefined,
): Promise<void> {
  const response = tooLarge?.() ?? {
    status: 413,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ __type: 'RequestEntityTooLargeException', message: 'Request Entity Too Large' }),
  };
  response.headers = { ...response.headers, connection: 'close' };
  await writeResponse(res, response);
  req.resume();
}

/** The Stratus-clock Date header the edge gives every answer on this response. */
const DATE = Symbol('date');
type DatedResponse = ServerResponse & { [DATE]?: string };

/** Writes the answer; a promise only for a streamed body (it settles when the stream has been sent). */
export function writeResponse(res: ServerResponse, response: HttpResponse): Promise<void> | undefined {
  const headers: Record<string, string | number | string[]> = { ...response.headers };
  let hasRequestId = false;
  let hasLength = false;
  let hasDate = false;
  for (const name in headers) {
    const lower = name.toLowerCase();
    // S3 names its request id x-amz-request-id and sends no x-amzn-RequestId.
    if (lower === 'x-amzn-requestid' || lower === 'x-amz-request-id') hasRequestId = true;
    else if (lower === 'content-length') hasLength = true;
    else if (lower === 'date') hasDate = true;
  }
  if (!hasRequestId) headers['x-amzn-RequestId'] = randomUUID();
  const date = (res as DatedResponse)[DATE];
  if (!hasDate && date !== undefined) headers.date = date;
  const body = response.body;
  // A file (a large S3 object) goes out from pooled buffers, not through a stream pipe.
  if (body instanceof FileBody) {
    res.writeHead(response.status, headers);
    return body.sendTo(res);
  }
  if (body instanceof Readable) {
    res.writeHead(response.status, headers);
    return new Promise<void>((resolve, reject) => {
      body.once('error', reject);
      res.once('finish', resolve);
      res.once('close', () => {
        // A client that went away: `pipe` would leave the source open (a file, an origin's answer).
        if (!res.writableFinished) body.destroy();
        resolve();
      });
      body.pipe(res);
    });
  }
  if (!hasLength) {
    headers['content-length'] =
      body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  }
  res.writeHead(response.status, headers);
  // A string body goes out as it is: Node sends it with the headers in one write, not encoded to a Buffer first.
  res.end(body);
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
