import { header } from '../../../../protocol/http.ts';
import type { RoutedInvocation } from '../invocation.ts';
import { isBinaryMediaType } from '../media-types.ts';
import { requestContext, requestPath } from '../request-context.ts';
import { forwardedHeaders, singleAndMulti } from '../request-headers.ts';

/**
 * The event a Lambda proxy integration (AWS_PROXY) receives: API Gateway's version 1.0 payload.
 * Empty maps are null, as AWS sends them. The body is base64 exactly when the request's
 * Content-Type is one of the API's binary media types.
 */
export function buildProxyEvent(inv: RoutedInvocation) {
  const { request, route, stage, deployment } = inv;
  const headers = singleAndMulti(forwardedHeaders(request, inv.traceId));
  const query = singleAndMulti([...request.query.entries()]);
  const binary = isBinaryMediaType(header(request, 'content-type'), deployment.binaryMediaTypes);
  const hasBody = request.body.length > 0;
  const path = requestPath(inv);
  return {
    resource: route.resource.path,
    path,
    httpMethod: request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: orNull(query.single),
    multiValueQueryStringParameters: orNull(query.multi),
    pathParameters: orNull(route.pathParameters),
    stageVariables: orNull(stage.variables ?? {}),
    requestContext: requestContext(inv, path),
    body: hasBody ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: hasBody && binary,
  };
}

function orNull<T extends object>(map: T): T | null {
  return Object.keys(map).length > 0 ? map : null;
}
