import { ApiGatewayErrors } from '../errors.ts';
import type { Stage } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';
import { buildStage, type NewStage, validateStageName, validateVariables } from './stage-defaults.ts';

export interface CreateStageInput extends NewStage {
  restApiId: string;
}

export function createStage(state: ApiGatewayState, input: CreateStageInput, scope: Scope): Stage {
  requireApi(state, scope, input.restApiId);
  validateStageName(input.stageName);
  validateVariables(input.variables);
  if (!state.store.getDeployment(input.restApiId, input.deploymentId)) {
    throw ApiGatewayErrors.deploymentNotFound();
  }
  if (state.store.getStage(input.restApiId, input.stageName)) {
    throw ApiGatewayErrors.conflict('Stage already exists');
  }
  const stage = buildStage(input, state.clock.date());
  state.store.putStage(input.restApiId, stage);
  return stage;
}
