import type { ResourceProvider } from '../../../cloudformation/provider.ts';
import { createDeployment } from '../operations/create-deployment.ts';
import { deleteDeployment } from '../operations/delete-deployment.ts';
import { deleteStage } from '../operations/delete-stage.ts';
import { updateStage } from '../operations/update-stage.ts';
import type { ApiGatewayState } from '../state.ts';
import { asBoolean, ignoringNotFound, scopeOf } from './common.ts';
import { methodSettingPatches } from './method-settings.ts';

/**
 * AWS::ApiGateway::Deployment. Ref is the deployment id. With StageName it also creates that
 * stage (StageDescription holds the stage's settings) and removes it again on delete.
 * Every change replaces the deployment: CDK renames it whenever the API changes.
 */
export function deploymentProvider(state: ApiGatewayState): ResourceProvider {
  return {
    async create(props, ctx) {
      const scope = scopeOf(ctx);
      const stage = props.StageDescription ?? {};
      const deployment = createDeployment(
        state,
        {
          restApiId: props.RestApiId,
          description: props.Description,
          stageName: props.StageName,
          stageDescription: stage.Description,
          variables: stage.Variables,
          cacheClusterEnabled: asBoolean(stage.CacheClusterEnabled),
          cacheClusterSize: stage.CacheClusterSize,
          tracingEnabled: asBoolean(stage.TracingEnabled),
        },
        scope,
      );
      const patchOperations = methodSettingPatches([
        ...(stage.MethodSettings ?? []),
        ...(hasTopLevelSetting(stage) ? [{ ...stage, ResourcePath: '/*', HttpMethod: '*' }] : []),
      ]);
      if (props.StageName && patchOperations.length) {
        updateStage(
          state,
          { restApiId: props.RestApiId, stageName: props.StageName, patchOperations },
          scope,
        );
      }
      return { physicalId: deployment.id };
    },
    async delete(physicalId, props, ctx) {
      const scope = scopeOf(ctx);
      if (props.StageName) {
        const stage = state.store.getStage(props.RestApiId, props.StageName);
        if (stage?.deploymentId === physicalId) {
          ignoringNotFound(() =>
            deleteStage(state, { restApiId: props.RestApiId, stageName: props.StageName }, scope),
          );
        }
      }
      ignoringNotFound(() =>
        deleteDeployment(state, { restApiId: props.RestApiId, deploymentId: physicalId }, scope),
      );
    },
  };
}

/** StageDescription's own MetricsEnabled, LoggingLevel, … apply to every method (`/*` `*`). */
function hasTopLevelSetting(stage: Record<string, unknown>): boolean {
  return [
    'MetricsEnabled',
    'LoggingLevel',
    'DataTraceEnabled',
    'ThrottlingBurstLimit',
    'ThrottlingRateLimit',
    'CachingEnabled',
    'CacheTtlInSeconds',
    'CacheDataEncrypted',
  ].some((field) => stage[field] !== undefined);
}
