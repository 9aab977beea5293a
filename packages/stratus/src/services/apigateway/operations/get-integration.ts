import { ApiGatewayErrors } from '../errors.ts';
import type { Integration } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

export function getIntegration(state: ApiGatewayState, input: MethodRef, scope: Scope): Integration {
  const { method } = requireMethod(state, scope, input);
  if (!method.methodIntegration) throw ApiGatewayErrors.integrationNotFound();
  return method.methodIntegration;
}
