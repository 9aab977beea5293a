import { header, safeDecode } from '../../../protocol/http.ts';
import type { RoutedInvocation } from './invocation.ts';
import { clientIp } from './request-headers.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function formatRequestTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
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
  return {
    resourceId: route.resource.id,
    resourcePath: route.resource.path,
    httpMethod: request.method,
    extendedRequestId: inv.extendedRequestId,
    requestTime: formatRequestTime(request.receivedAt),
    path: `/${stage.stageName}${path}`,
    accountId: located.accountId,
    protocol: 'HTTP/1.1',
    stage: stage.stageName,
    domainPrefix: request.hostname.split('.')[0],
    requestTimeEpoch: request.receivedAt,
    requestId: inv.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: clientIp(request),
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent,
      user: null,
      ...inv.auth.identity,
    },
    ...(inv.auth.authorizer ? { authorizer: inv.auth.authorizer } : {}),
    domainName: request.hostname,
    deploymentId: stage.deploymentId,
    apiId: located.api.id,
  };
}
