import { createHash } from 'node:crypto';
import type { HttpResponse } from '../../../protocol/http.ts';
import type { ResponseHeadersPolicyConfig } from '../../../protocol/models/types/cloudfront.ts';

type Headers = NonNullable<HttpResponse['headers']>;

/** Origin headers CloudFront does not pass on (S3's request ids, the edge adds its own). */
const DROPPED = new Set(['x-amz-request-id', 'x-amz-id-2', 'x-amzn-requestid', 'server']);

/** The edge location every Stratus response claims (a fixed POP: there is one local "edge"). */
export const LOCAL_POP = 'IAD89-C1';

/** Sets a header whatever the case of an existing one; `override` false keeps an origin's value. */
export function setHeader(headers: Headers, name: string, value: string, override = true): void {
  const lower = name.toLowerCase();
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() !== lower) continue;
    if (!override) return;
    delete headers[existing];
  }
  headers[name] = value;
}

/** What CloudFront adds to every answer: Via, X-Cache, X-Amz-Cf-Pop and X-Amz-Cf-Id. */
export function edgeHeaders(
  response: HttpResponse,
  domainLabel: string,
  requestId: string,
  error: boolean,
): HttpResponse {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (!DROPPED.has(name.toLowerCase())) headers[name] = value;
  }
  const hash = createHash('md5').update(domainLabel).digest('hex');
  setHeader(headers, 'Via', `1.1 ${hash}.cloudfront.net (CloudFront)`);
  setHeader(headers, 'X-Cache', error ? 'Error from cloudfront' : 'Miss from cloudfront');
  setHeader(headers, 'X-Amz-Cf-Pop', LOCAL_POP);
  setHeader(headers, 'X-Amz-Cf-Id', requestId);
  // The edge would add its own x-amzn-RequestId: CloudFront answers carry the Cf-Id instead.
  headers['x-amzn-RequestId'] = requestId;
  return { ...response, headers };
}

/**
 * A response headers policy's custom and security headers (each honouring its Override flag).
 * CORS settings and server timing are recorded but not applied.
 */
export function applyResponseHeadersPolicy(
  response: HttpResponse,
  policy: ResponseHeadersPolicyConfig,
): void {
  const headers: Headers = (response.headers ??= {});
  for (const custom of policy.CustomHeadersConfig?.Items ?? [])
    setHeader(headers, custom.Header, custom.Value, custom.Override);
  const security = policy.SecurityHeadersConfig;
  if (!security) return;
  const sts = security.StrictTransportSecurity;
  if (sts) {
    const value = `max-age=${sts.AccessControlMaxAgeSec}${sts.IncludeSubdomains ? '; includeSubDomains' : ''}${sts.Preload ? '; preload' : ''}`;
    setHeader(headers, 'Strict-Transport-Security', value, sts.Override);
  }
  const types = security.ContentTypeOptions;
  if (types) setHeader(headers, 'X-Content-Type-Options', 'nosniff', types.Override);
  const frame = security.FrameOptions;
  if (frame) setHeader(headers, 'X-Frame-Options', frame.FrameOption, frame.Override);
  const referrer = security.ReferrerPolicy;
  if (referrer) setHeader(headers, 'Referrer-Policy', referrer.ReferrerPolicy, referrer.Override);
  const csp = security.ContentSecurityPolicy;
  if (csp) setHeader(headers, 'Content-Security-Policy', csp.ContentSecurityPolicy, csp.Override);
  const xss = security.XSSProtection;
  if (xss) {
    const value = !xss.Protection
      ? '0'
      : `1${xss.ModeBlock ? '; mode=block' : ''}${xss.ReportUri ? `; report=${xss.ReportUri}` : ''}`;
    setHeader(headers, 'X-XSS-Protection', value, xss.Override);
  }
}
