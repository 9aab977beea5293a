/**
 * Test scaffolding for protocol tests: a small node:http server that decodes what a real AWS
 * SDK client sends with decodeRequest and answers with encodeResponse/encodeError, so the test
 * proves the SDK parses our outputs and errors. Not a mock of any Stratus service: the test
 * supplies the answer.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AwsError, CommonErrors, isAwsError } from '../../src/protocol/errors.ts';
import type { HttpRequest, HttpResponse } from '../../src/protocol/http.ts';
import { type DecodedRequest, decodeRequest, encodeError, encodeResponse } from '../../src/protocol/index.ts';
import type { ServiceModel } from '../../src/protocol/model.ts';

export type Answer = (decoded: DecodedRequest, req: HttpRequest) => unknown;

export interface WireServer {
  readonly endpoint: string;
  /** Every request as received, and its decoding (or the AwsError decoding threw). */
  readonly seen: { req: HttpRequest; decoded?: DecodedRequest; error?: AwsError }[];
  answer: Answer;
  close(): Promise<void>;
}

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export function sdkConfig(server: WireServer) {
  return { endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
}

export async function startWireServer(model: ServiceModel, answer: Answer = () => ({})): Promise<WireServer> {
  const seen: WireServer['seen'] = [];
  const state = { answer };
  const server = createServer(async (incoming, res) => {
    const req = await toHttpRequest(incoming);
    const requestId = randomUUID();
    let response: HttpResponse;
    const record: WireServer['seen'][number] = { req };
    seen.push(record);
    try {
      const decoded = decodeRequest(model, req);
      record.decoded = decoded;
      const output = await state.answer(decoded, req);
      response = encodeResponse(model, decoded.operation, output ?? {}, { requestId });
    } catch (error) {
      if (isAwsError(error)) record.error = error;
      const awsError = isAwsError(error) ? error : CommonErrors.internal();
      if (!isAwsError(error)) console.error(error);
      response = encodeError(model, awsError, { requestId, request: req });
    }
    res.statusCode = response.status;
    for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
    const body = response.body;
    if (body instanceof Readable) body.pipe(res);
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    get answer() {
      return state.answer;
    },
    set answer(next: Answer) {
      state.answer = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function toHttpRequest(incoming: IncomingMessage): Promise<HttpRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return request({
    method: incoming.method ?? 'GET',
    url: incoming.url ?? '/',
    headers: incoming.headers as Record<string, string>,
    body: Buffer.concat(chunks),
  });
}

/** An HttpRequest as the edge would build it, for decode tests that need no server. */
export function request(options: {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Buffer;
}): HttpRequest {
  const url = options.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {}
  return {
    method: options.method ?? 'POST',
    rawPath,
    path,
    query: new URLSearchParams(rawQuery),
    rawQuery,
    headers,
    hostname: String(headers.host ?? 'localhost').replace(/:\d+$/, ''),
    scheme: 'http',
    remoteAddress: '127.0.0.1',
    body: typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0)),
    receivedAt: Date.now(),
  };
}

export { AwsError };
