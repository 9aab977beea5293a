import type { Stage } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';

export function getStages(
  state: ApiGatewayState,
  input: { restApiId: string; deploymentId?: string },
  scope: Scope,
): { item: Stage[] } {
  requireApi(state, scope, input.restApiId);
  const stages = state.store.listStages(input.restApiId);
  return { item: input.deploymentId ? stages.filter((s) => s.deploymentId === input.deploymentId) : stages };
}
