import type { Deployment } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';
import { page } from './paging.ts';

export function getDeployments(
  state: ApiGatewayState,
  input: { restApiId: string; position?: string; limit?: number },
  scope: Scope,
): { items: Deployment[]; position?: string } {
  requireApi(state, scope, input.restApiId);
  return page(state.store.listDeployments(input.restApiId), input);
}
