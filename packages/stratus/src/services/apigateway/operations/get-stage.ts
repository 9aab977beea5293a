import { ApiGatewayErrors } from '../errors.ts';
import type { Stage } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';

export function getStage(
  state: ApiGatewayState,
  input: { restApiId: string; stageName: string },
  scope: Scope,
): Stage {
  requireApi(state, scope, input.restApiId);
  const stage = state.store.getStage(input.restApiId, input.stageName);
  if (!stage) throw ApiGatewayErrors.stageNotFound();
  return stage;
}
