import type { RestApi } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';

export function getRestApi(state: ApiGatewayState, input: { restApiId: string }, scope: Scope): RestApi {
  return requireApi(state, scope, input.restApiId);
}
