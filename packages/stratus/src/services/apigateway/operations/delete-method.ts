import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

/** Removes a method with its integration and responses. */
export function deleteMethod(state: ApiGatewayState, input: MethodRef, scope: Scope): void {
  const { resource, method } = requireMethod(state, scope, input);
  const { [method.httpMethod]: _removed, ...rest } = resource.resourceMethods ?? {};
  resource.resourceMethods = rest;
  state.store.putResource(input.restApiId, resource);
}
