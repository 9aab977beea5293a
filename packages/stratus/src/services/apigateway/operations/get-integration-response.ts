import { ApiGatewayErrors } from '../errors.ts';
import type { IntegrationResponse } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

export function getIntegrationResponse(
  state: ApiGatewayState,
  input: MethodRef & { statusCode: string },
  scope: Scope,
): IntegrationResponse {
  const { method } = requireMethod(state, scope, input);
  if (!method.methodIntegration) throw ApiGatewayErrors.integrationNotFound();
  const response = method.methodIntegration.integrationResponses?.[input.statusCode];
  if (!response) throw ApiGatewayErrors.responseNotFound();
  return response;
}
