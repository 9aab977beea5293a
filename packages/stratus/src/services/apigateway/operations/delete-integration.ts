import { ApiGatewayErrors } from '../errors.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

export function deleteIntegration(state: ApiGatewayState, input: MethodRef, scope: Scope): void {
  const { resource, method } = requireMethod(state, scope, input);
  if (!method.methodIntegration) throw ApiGatewayErrors.integrationNotFound();
  method.methodIntegration = undefined;
  state.store.putResource(input.restApiId, resource);
}
