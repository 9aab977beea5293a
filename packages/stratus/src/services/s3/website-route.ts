import { isAwsError } from '../../protocol/errors.ts';
import { type HttpRequest, type HttpResponse, header } from '../../protocol/http.ts';
import type { RawRoute } from '../service.ts';
import { actualCorsHeaders, preflight } from './cors/preflight.ts';
import type { S3Service } from './index.ts';
import { newRequestId, withRequestIds } from './request-ids.ts';
import { serveWebsite } from './website-serve.ts';

/**
 * Website endpoints: `{bucket}.s3-website.localhost`, `{bucket}.s3-website-{region}.localhost`,
 * `{bucket}.s3-website.{region}.localhost` (and the same under amazonaws.com). The S3 route
 * would claim these hosts too, so this route is registered before it.
 */
const WEBSITE_HOST = /^(.+?)\.s3-website(?:[.-][a-z0-9-]+)?\.(?:localhost|amazonaws\.com)$/;

export function websiteRoute(service: S3Service): RawRoute {
  return {
    name: 's3-website',
    match: (probe) => WEBSITE_HOST.test(probe.hostname),
    handle: async (req) => {
      const requestId = newRequestId();
      return withRequestIds(
        await serveWithCors(service, req, WEBSITE_HOST.exec(req.hostname)![1]!, requestId),
        requestId,
      );
    },
  };
}

/** The bucket's CORS configuration applies at its website endpoint too: preflights and readable answers. */
async function serveWithCors(
  service: S3Service,
  req: HttpRequest,
  bucket: string,
  requestId: string,
): Promise<HttpResponse> {
  const path = `/${encodeURIComponent(bucket)}${req.path}`;
  if (req.method === 'OPTIONS' && header(req, 'origin')) {
    try {
      return preflight(service.core, req, path);
    } catch (error) {
      if (!isAwsError(error)) throw error;
      return { status: error.status, headers: { 'content-type': 'text/plain' }, body: error.message };
    }
  }
  const response = await serveWebsite(service, req, bucket, requestId);
  const cors = actualCorsHeaders(service.core, req, path);
  return Object.keys(cors).length === 0
    ? response
    : { ...response, headers: { ...response.headers, ...cors } };
}
