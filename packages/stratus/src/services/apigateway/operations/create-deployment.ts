import type * as Model from '../../../protocol/models/types/apigateway.ts';
import { transaction } from '../../../state/storage.ts';
import { ApiGatewayErrors } from '../errors.ts';
import { newId } from '../ids.ts';
import { stageCacheName } from '../invoke/response-cache.ts';
import type { Deployment, DeploymentSnapshot, Input } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { requireApi } from './lookup.ts';
import { buildStage, setCacheCluster, validateStageName, validateVariables } from './stage-defaults.ts';

export type CreateDeploymentInput = Input<Model.CreateDeploymentRequest>;

/**
 * Freezes the API's resources, methods, integrations, authorizers and gateway responses as they
 * are now: later changes reach callers with the next deployment, as on AWS. With `stageName`,
 * the stage is created, or moved to this deployment if it exists, as AWS does.
 */
export function createDeployment(
  state: ApiGatewayState,
  input: CreateDeploymentInput,
  scope: Scope,
): Deployment {
  const api = requireApi(state, scope, input.restApiId);
  if (input.stageName !== undefined) validateStageName(input.stageName);
  validateVariables(input.variables);
  const resources = state.store.listResources(api.id);
  const methods = resources.flatMap((r) => Object.values(r.resourceMethods ?? {}));
  if (methods.length === 0) throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
  if (methods.some((method) => !method.methodIntegration)) {
    throw ApiGatewayErrors.badRequest('No integration defined for method');
  }
  const deployment: Deployment = {
    id: newId(),
    description: input.description,
    createdDate: state.clock.date(),
  };
  const snapshot: DeploymentSnapshot = {
    resources,
    binaryMediaTypes: api.binaryMediaTypes ?? [],
    authorizers: state.auth.listAuthorizers(api.id),
    gatewayResponses: state.store.listGatewayResponses(api.id),
  };
  transaction(state.store.db, () => {
    state.store.insertDeployment(api.id, deployment, snapshot);
    if (input.stageName !== undefined) upsertStage(state, api.id, deployment.id, input);
  });
  return deployment;
}

function upsertStage(
  state: ApiGatewayState,
  apiId: string,
  deploymentId: string,
  input: CreateDeploymentInput,
) {
  const now = state.clock.date();
  const existing = state.store.getStage(apiId, input.stageName!);
  if (!existing) {
    const stage = buildStage(
      {
        stageName: input.stageName!,
        deploymentId,
        description: input.stageDescription,
        cacheClusterEnabled: input.cacheClusterEnabled,
        cacheClusterSize: input.cacheClusterSize,
        variables: input.variables,
        tracingEnabled: input.tracingEnabled,
      },
      now,
    );
    state.store.putStage(apiId, stage);
    return;
  }
  existing.deploymentId = deploymentId;
  existing.lastUpdatedDate = now;
  if (input.stageDescription !== undefined) existing.description = input.stageDescription;
  if (input.variables) existing.variables = { ...existing.variables, ...input.variables };
  if (input.tracingEnabled !== undefined) existing.tracingEnabled = input.tracingEnabled;
  if (input.cacheClusterEnabled !== undefined) {
    const cluster = `${existing.cacheClusterEnabled}/${existing.cacheClusterSize}`;
    setCacheCluster(existing, input.cacheClusterEnabled, input.cacheClusterSize);
    // A resized or disabled cache cluster is a new, empty one.
    if (`${existing.cacheClusterEnabled}/${existing.cacheClusterSize}` !== cluster) {
      state.responseCache.flush(stageCacheName(apiId, existing.stageName));
    }
  }
  state.store.putStage(apiId, existing);
}
