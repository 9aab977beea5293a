import { ApiGatewayErrors } from '../errors.ts';
import type { MethodResponse } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

export function getMethodResponse(
  state: ApiGatewayState,
  input: MethodRef & { statusCode: string },
  scope: Scope,
): MethodResponse {
  const { method } = requireMethod(state, scope, input);
  const response = method.methodResponses?.[input.statusCode];
  if (!response) throw ApiGatewayErrors.responseNotFound();
  return response;
}
