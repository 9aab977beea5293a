import type { ResourceRecord, StackRecord } from '../services/cloudformation/store.ts';
import type { Change } from './apply.ts';
import { deleteResource } from './delete-resource.ts';
import type { EngineDeps, RunOptions } from './run-context.ts';
import { runScheduled } from './scheduler.ts';

export interface CleanupInput {
  readonly deps: EngineDeps;
  readonly stack: StackRecord;
  readonly options: RunOptions;
  /** Resources replaced by this update: their old physical resources go now. */
  readonly replaced: readonly Change[];
  /** Resources the new template no longer has. */
  readonly removed: readonly ResourceRecord[];
}

/**
 * After a successful update: deletes the old physical resources of replaced resources (unless
 * UpdateReplacePolicy is Retain) and the resources the template dropped (unless DeletionPolicy
 * is Retain), those in reverse dependency order. Failures are reported but do not fail the update.
 */
export async function cleanUp(input: CleanupInput): Promise<void> {
  const { deps, stack, options } = input;
  for (const change of input.replaced) {
    const old = change.before!;
    try {
      await deleteResource(deps, stack, options, old, {
        retain: old.updateReplacePolicy === 'Retain',
        keepRecord: true,
      });
    } catch {
      // Reported as DELETE_FAILED; the update itself stands, as on AWS.
    }
  }
  const removed = new Map(input.removed.map((resource) => [resource.logicalId, resource]));
  const live = input.removed.filter(
    (resource) => resource.physicalId && resource.status !== 'DELETE_COMPLETE',
  );
  await runScheduled(
    live.map((resource) => resource.logicalId),
    (id) => input.removed.filter((other) => other.dependsOn.includes(id)).map((other) => other.logicalId),
    (id) => deleteResource(deps, stack, options, removed.get(id)!, { retain: false, keepRecord: false }),
    { keepGoing: true },
  );
  for (const resource of input.removed) {
    if (!resource.physicalId) deps.store.deleteResource(stack.stackId, resource.logicalId);
  }
}
