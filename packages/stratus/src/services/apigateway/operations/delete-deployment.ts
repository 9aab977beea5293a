import { ApiGatewayErrors } from '../errors.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';

/** Deletes a deployment no stage serves any more. */
export function deleteDeployment(
  state: ApiGatewayState,
  input: { restApiId: string; deploymentId: string },
  scope: Scope,
): void {
  requireApi(state, scope, input.restApiId);
  if (!state.store.getDeployment(input.restApiId, input.deploymentId)) {
    throw ApiGatewayErrors.deploymentNotFound();
  }
  if (state.store.listStages(input.restApiId).some((stage) => stage.deploymentId === input.deploymentId)) {
    throw ApiGatewayErrors.badRequest('Active stages pointing to this deployment must be moved or deleted');
  }
  state.store.deleteDeployment(input.restApiId, input.deploymentId);
}
