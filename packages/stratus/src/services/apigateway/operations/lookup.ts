import { ApiGatewayErrors } from '../errors.ts';
import type { Method, Resource, RestApi } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';

/** The methods a REST API resource can have. */
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];

export function requireApi(state: ApiGatewayState, scope: Scope, apiId: string): RestApi {
  const api = state.store.getApi(scope, apiId);
  if (!api) throw ApiGatewayErrors.apiNotFound(scope.accountId, apiId);
  return api;
}

export function requireResource(
  state: ApiGatewayState,
  scope: Scope,
  apiId: string,
  resourceId: string,
): Resource {
  requireApi(state, scope, apiId);
  const resource = state.store.getResource(apiId, resourceId);
  if (!resource) throw ApiGatewayErrors.resourceNotFound();
  return resource;
}

export interface MethodRef {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly httpMethod: string;
}

/** The resource and its method named by `ref`, or NotFound as AWS words it. */
export function requireMethod(
  state: ApiGatewayState,
  scope: Scope,
  ref: MethodRef,
): { resource: Resource; method: Method } {
  const resource = requireResource(state, scope, ref.restApiId, ref.resourceId);
  const method = resource.resourceMethods?.[ref.httpMethod.toUpperCase()];
  if (!method) throw ApiGatewayErrors.methodNotFound();
  return { resource, method };
}
