import type { Readable } from 'node:stream';
import { SigningKeys } from '../../iam/sigv4/signing-keys.ts';
import { compile } from '../../protocol/compiled.ts';
import { isAwsError } from '../../protocol/errors.ts';
import type { HttpRequest, HttpResponse } from '../../protocol/http.ts';
import { matchRoute } from '../../protocol/http-binding.ts';
import { encodeResponse } from '../../protocol/index.ts';
import { s3PathStyle, virtualHostBucket } from '../../protocol/s3-host.ts';
import { readCredentialScope } from '../../protocol/sigv4-scope.ts';
import { randomPool } from '../../random-pool.ts';
import { failureResponse, runOperation } from '../dispatch.ts';
import type { RawRoute, RouteProbe } from '../service.ts';
import { actualCorsHeaders, preflight } from './cors/preflight.ts';
import type { S3Service } from './index.ts';
import { unreadableRetainUntil } from './object-lock.ts';
import { isPostObject, postObject } from './post/post-object.ts';
import { prepareBody } from './request-body.ts';
import { newRequestId, withRequestIds } from './request-ids.ts';

/** Path-style requests to the bare S3 host names (`s3.localhost`, `s3.eu-west-1.localhost`). */
const S3_HOST = /^s3(?:[.-]([a-z0-9-]+))?\.(?:localhost|amazonaws\.com)$/;
const VIRTUAL_HOST_REGION = /\.s3[.-]([a-z0-9-]+)\.(?:localhost|amazonaws\.com)$/;

/**
 * Every S3 request, signed or not, enters here rather than through the generic dispatcher: the
 * route asks the edge for the unread body so uploads stream to disk. A request is S3's when its
 * SigV4 scope (header or presigned query) names `s3`, or, unsigned, when its host is an S3 one.
 */
export function s3Route(service: S3Service): RawRoute {
  // Derived signing keys for POST policies, one cache per instance.
  const keys = new SigningKeys();
  const random = randomPool();
  return {
    name: 's3',
    streamBody: true,
    match: isS3Request,
    handle: async (req) => {
      const requestId = newRequestId(random);
      return withRequestIds(await handle(service, req, keys, requestId), requestId);
    },
  };
}

export function isS3Request(probe: RouteProbe): boolean {
  const scope = readCredentialScope(probe);
  if (scope) return scope.service === 's3';
  return (
    virtualHostBucket(probe.hostname) !== undefined ||
    S3_HOST.test(probe.hostname) ||
    isAnonymousPathStyle(probe)
  );
}

/**
 * An unsigned request no other service claims is S3's, as at a real S3 endpoint: anonymous
 * `GET /bucket/key` from a browser or curl. Query-protocol calls (form bodies, `Action=`) and
 * JSON calls (`X-Amz-Target`) belong to other services. (The S3 route is matched last.)
 */
function isAnonymousPathStyle(probe: RouteProbe): boolean {
  if (probe.headers['x-amz-target'] || probe.query.has('Action')) return false;
  const contentType = String(probe.headers['content-type'] ?? '');
  if (
    contentType.startsWith('application/x-www-form-urlencoded') ||
    contentType.startsWith('application/x-amz-json')
  ) {
    return false;
  }
  return !probe.path.startsWith('/_stratus/');
}

async function handle(
  service: S3Service,
  original: HttpRequest,
  keys: SigningKeys,
  requestId: string,
): Promise<HttpResponse> {
  const { model } = service;
  let req = original;
  const path = s3PathStyle(req.hostname, req.rawPath);
  const cors = () => actualCorsHeaders(service.core, original, path);
  try {
    if (req.method === 'OPTIONS') return preflight(service.core, req, path);
    const region = hostRegion(req.hostname) ?? service.deps.defaultRegion ?? 'us-east-1';
    if (isPostObject(req, path)) {
      const ctx = { requestId, region, accountId: service.deps.accountId };
      return withHeaders(await postObject(service, { ...req, path }, ctx, keys), cors());
    }
    const route = matchRoute(compile(model), req, path);
    req = await prepareBody(req, route?.operation.name, service.bodyIdleTimeoutMs);
    const call = await runOperation(service, req, {
      requestId,
      accountId: service.deps.accountId,
      region,
      security: service.deps.security,
      streamedPayload: true,
    });
    const { operation } = call;
    const output = call.output as Record<string, unknown> | undefined;
    const response = encodeResponse(model, operation, output ?? {}, { requestId });
    // GetObject's model has no status member: a range answer is 206 Partial Content.
    if (operation === 'GetObject' && output?.ContentRange !== undefined) response.status = 206;
    return withHeaders(response, cors());
  } catch (thrown) {
    const error = unreadableRetainUntil(original, thrown) ?? thrown;
    const response = failureResponse(service, error, {
      requestId,
      request: original,
      logger: service.deps.logger,
    });
    if (response.status === 304) delete response.body;
    // A body over 5 GB is not read off the socket (as S3 does, the connection closes after the answer).
    // Nor is the rest of a body the client stopped sending.
    if (isAwsError(error) && (error.code === 'EntityTooLarge' || error.code === 'RequestTimeout'))
      response.headers = { ...response.headers, connection: 'close' };
    return req.method === 'OPTIONS' ? response : withHeaders(response, cors());
  } finally {
    drain(req.stream);
    drain(original.stream);
  }
}

function withHeaders(response: HttpResponse, headers: Record<string, string>): HttpResponse {
  if (Object.keys(headers).length > 0) response.headers = { ...response.headers, ...headers };
  return response;
}

/**
 * An upload refused before its body was read is still read off the socket, so the connection stays
 * usable. No one reads it any more: when its client stops sending, the idle guard's RequestTimeout
 * (idle-body.ts) has no one to tell, and must not become an uncaught exception that ends the process.
 */
function drain(stream: Readable | undefined): void {
  if (!stream || stream.readableEnded || stream.destroyed) return;
  stream.on('error', () => {});
  stream.resume();
}

function hostRegion(hostname: string): string | undefined {
  return S3_HOST.exec(hostname)?.[1] ?? VIRTUAL_HOST_REGION.exec(hostname)?.[1];
}
