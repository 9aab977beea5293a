import type { StackRecord } from '../services/cloudformation/store.ts';
import { deleteResource } from './delete-resource.ts';
import type { EngineDeps, RunOptions } from './run-context.ts';
import { runScheduled } from './scheduler.ts';

/**
 * Deletes a stack: its resources in reverse dependency order (independent ones in parallel),
 * keeping those whose DeletionPolicy is Retain or that `retain` names; then its exports. Refuses
 * while another stack imports one of its exports. Returns the stack as it ends.
 */
export async function deleteStackResources(
  deps: EngineDeps,
  stack: StackRecord,
  options: RunOptions,
  retain: readonly string[] = [],
): Promise<StackRecord> {
  const { store } = deps;
  const setStatus = (status: string, reason?: string, patch: Partial<StackRecord> = {}) => {
    const updated = store.updateStack(stack.stackId, { status, statusReason: reason, ...patch });
    options.events.stack(status, reason);
    return updated;
  };
  for (const item of store.listExports(stack.accountId, stack.region)) {
    if (item.stackId !== stack.stackId) continue;
    const users = store.importers(stack.accountId, stack.region, item.name, stack.stackId);
    if (users.length)
      return setStatus(
        'DELETE_FAILED',
        `Export ${item.name} cannot be deleted as it is in use by ${users.join(', ')}`,
      );
  }
  setStatus('DELETE_IN_PROGRESS', 'User Initiated');
  const resources = store
    .listResources(stack.stackId)
    .filter(
      (resource) => resource.physicalId && !['DELETE_COMPLETE', 'DELETE_SKIPPED'].includes(resource.status),
    );
  const byId = new Map(resources.map((resource) => [resource.logicalId, resource]));
  const result = await runScheduled(
    resources.map((resource) => resource.logicalId),
    (id) => resources.filter((other) => other.dependsOn.includes(id)).map((other) => other.logicalId),
    (id) =>
      deleteResource(deps, stack, options, byId.get(id)!, {
        retain: retain.includes(id),
        keepRecord: false,
        markDeleted: true,
      }),
    { keepGoing: true },
  );
  const failed = [...result.failed, ...result.skipped];
  if (failed.length) {
    return setStatus('DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
  }
  store.setExportsAndImports(stack, [], []);
  return setStatus('DELETE_COMPLETE', undefined, { deletedAt: deps.clock.now() });
}
