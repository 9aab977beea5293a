import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';

/** Deletes the API with everything in it: resources, methods, deployments and stages. */
export function deleteRestApi(state: ApiGatewayState, input: { restApiId: string }, scope: Scope): void {
  requireApi(state, scope, input.restApiId);
  state.store.deleteApi(input.restApiId);
}
