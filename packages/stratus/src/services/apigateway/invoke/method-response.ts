import type { HttpResponse } from '../../../protocol/http.ts';

/** Integration response headers API Gateway renames to `x-amzn-Remapped-<name>` (proxy and MOCK). */
const REMAPPED = new Set(['connection', 'content-length', 'date', 'server']);
const DROPPED = new Set(['transfer-encoding']);

/** The integration's answer as the method response: hop-by-hop headers renamed or dropped, as AWS does. */
export function methodResponse(response: HttpResponse): HttpResponse {
  const headers: NonNullable<HttpResponse['headers']> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    headers[REMAPPED.has(lower) ? `x-amzn-Remapped-${name}` : name] = value;
  }
  return { ...response, headers };
}
