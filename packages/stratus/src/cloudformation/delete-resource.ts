import type { ResourceRecord, StackRecord } from '../services/cloudformation/store.ts';
import { type EngineDeps, failureReason, type RunOptions, resourceContext, retains } from './run-context.ts';

/**
 * Deletes one resource through its provider, with its events: DELETE_SKIPPED when its policy (or
 * `retain`) keeps it, DELETE_COMPLETE or DELETE_FAILED otherwise. Throws when the delete failed.
 * `keepRecord`: the logical resource lives on (a replacement), so its stored record is left alone;
 * otherwise a deleted resource's record is removed, or marked when `markDeleted`.
 */
export async function deleteResource(
  deps: EngineDeps,
  stack: StackRecord,
  options: RunOptions,
  resource: ResourceRecord,
  how: { retain: boolean; keepRecord: boolean; markDeleted?: boolean },
): Promise<void> {
  const { events } = options;
  const finish = (status: string) => {
    if (how.keepRecord) return;
    if (how.markDeleted)
      deps.store.putResource({ ...resource, status, statusReason: undefined, updatedAt: deps.clock.now() });
    else deps.store.deleteResource(stack.stackId, resource.logicalId);
  };
  if (how.retain || retains(resource.deletionPolicy, false)) {
    events.resource(resource.logicalId, resource.type, 'DELETE_SKIPPED', { physicalId: resource.physicalId });
    finish('DELETE_SKIPPED');
    return;
  }
  events.resource(resource.logicalId, resource.type, 'DELETE_IN_PROGRESS', {
    physicalId: resource.physicalId,
  });
  try {
    const provider = deps.provider(resource.type);
    if (!provider) throw new Error(`Stratus has no provider for ${resource.type}, so it cannot delete it`);
    const context = resourceContext(deps, stack, resource.logicalId, resource.type, options);
    await provider.delete(resource.physicalId!, resource.properties, context);
  } catch (error) {
    const reason = failureReason(deps, resource.logicalId, error);
    if (!how.keepRecord) {
      deps.store.putResource({
        ...resource,
        status: 'DELETE_FAILED',
        statusReason: reason,
        updatedAt: deps.clock.now(),
      });
    }
    events.resource(resource.logicalId, resource.type, 'DELETE_FAILED', {
      physicalId: resource.physicalId,
      reason,
    });
    throw error;
  }
  events.resource(resource.logicalId, resource.type, 'DELETE_COMPLETE', { physicalId: resource.physicalId });
  finish('DELETE_COMPLETE');
}
