import { header, safeDecode } from '../../../protocol/http.ts';
import type { RoutedInvocation } from './invocation.ts';
import { clientIp } from './request-headers.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A memo of the pure function below (so safe to share between instances): each second is formatted once. */
let lastSecond = Number.NaN;
let lastFormatted = '';

/** `$context.requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function formatRequestTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastFormatted = formatSecond(ms);
    lastSecond = second;
  }
  return lastFormatted;
}

function formatSecond(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** The host name's first label. */
function domainPrefix(hostname: string): string {
  const dot = hostname.indexOf('.');
  return dot === -1 ? hostname : hostname.slice(0, dot);
}

/** The request path below the stage, percent-decoded, as `$context` and the proxy event show it. */
export function requestPath(inv: RoutedInvocation): string {
  const raw = inv.target.rawPath;
  if (!raw.includes('%')) return raw;
  return raw.split('/').map(safeDecode).join('/');
}

/** `$context` of a REST API request, as the Lambda proxy event's `requestContext` carries it (`path`: requestPath's, when known). */
export function requestContext(inv: RoutedInvocation, path = requestPath(inv)) {
  const { request, route, located, stage } = inv;
  const userAgent = header(request, 'user-agent') ?? null;
  const identity = {
    cognitoIdentityPoolId: null as string | null,
    accountId: null as string | null,
    cognitoIdentityId: null as string | null,
    caller: null as string | null,
    sourceIp: clientIp(request),
    principalOrgId: null as string | null,
    accessKey: null as string | null,
    cognitoAuthenticationType: null as string | null,
    cognitoAuthenticationProvider: null as string | null,
    userArn: null as string | null,
    userAgent,
    user: null as string | null,
  };
  // Most requests carry no caller identity: copying an empty object would cost a slow spread each time.
  for (const key in inv.auth.identity)
    (identity as Record<string, string | null>)[key] = inv.auth.identity[key]!;
  const context = {
    resourceId: route.resource.id,
    resourcePath: route.resource.path,
    httpMethod: request.method,
    extendedRequestId: inv.extendedRequestId,
    requestTime: formatRequestTime(request.receivedAt),
    path: `/${stage.stageName}${path}`,
    accountId: located.accountId,
    protocol: 'HTTP/1.1',
    stage: stage.stageName,
    domainPrefix: domainPrefix(request.hostname),
    requestTimeEpoch: request.receivedAt,
    requestId: inv.requestId,
    identity,
    domainName: request.hostname,
    deploymentId: stage.deploymentId,
    apiId: located.api.id,
  };
  if (!inv.auth.authorizer) return context;
  // AWS puts `authorizer` after `identity`: the members in AWS's order, with it in its place.
  const { domainName, deploymentId, apiId, ...before } = context;
  return { ...before, authorizer: inv.auth.authorizer, domainName, deploymentId, apiId };
}
