import { randomBytes } from 'node:crypto';
import type { HttpResponse } from '../../protocol/http.ts';
import type { RandomSource } from '../../random-pool.ts';

/**
 * S3's request id: 16 upper-case hex digits (the other services' are UUIDs). Routes pass their
 * instance's random pool (a `randomBytes` call per request showed in a small PutObject's profile).
 */
export function newRequestId(random: RandomSource = randomBytes): string {
  return random(8).toString('hex').toUpperCase();
}

/**
 * The `x-amz-request-id`/`x-amz-id-2` pair every S3 answer carries, added where a route built its
 * answer itself (preflights, POST uploads). The id-2 token is derived as the REST-XML encoder
 * derives it, so an error body's HostId and the header agree.
 */
export function withRequestIds(response: HttpResponse, requestId: string): HttpResponse {
  const headers = response.headers ?? {};
  for (const name in headers) if (name.toLowerCase() === 'x-amz-id-2') return response;
  response.headers = {
    ...headers,
    'x-amz-request-id': requestId,
    'x-amz-id-2': Buffer.from(requestId).toString('base64'),
  };
  return response;
}
