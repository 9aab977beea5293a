import type { ResourceRecord, StackRecord } from '../services/cloudformation/store.ts';
import type { ApplyInput, Change, Failure } from './apply.ts';
import { failureReason, resourceContext, retains } from './run-context.ts';

export interface RollbackInput extends ApplyInput {
  readonly reason: string;
  readonly previous: ReadonlyMap<string, ResourceRecord>;
  readonly changes: readonly Change[];
  readonly failures: readonly Failure[];
}

/**
 * Undoes a failed deploy, newest change first. A failed create deletes what it created
 * (ROLLBACK_COMPLETE); a failed update restores updated resources' previous properties, then
 * deletes what it created, replacements included (UPDATE_ROLLBACK_COMPLETE).
 */
export async function rollBack(input: RollbackInput): Promise<StackRecord> {
  const { deps, stack, options, mode, reason } = input;
  const setStatus = (status: string, eventReason?: string) => {
    const updated = deps.store.updateStack(stack.stackId, { status, statusReason: reason });
    options.events.stack(status, eventReason);
    return updated;
  };
  if (mode === 'create' && input.onFailure === 'DO_NOTHING') return setStatus('CREATE_FAILED', reason);
  const prefix = mode === 'create' ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
  setStatus(`${prefix}_IN_PROGRESS`, reason);
  let ok = true;
  if (mode === 'update') {
    ok = (await restoreUpdates(input)) && ok;
    setStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  }
  ok = (await deleteCreated(input)) && ok;
  if (!ok) return setStatus(`${prefix}_FAILED`);
  const rolledBack = setStatus(`${prefix}_COMPLETE`);
  if (mode !== 'create' || input.onFailure !== 'DELETE') return rolledBack;
  options.events.stack('DELETE_IN_PROGRESS');
  const deleted = deps.store.updateStack(stack.stackId, {
    status: 'DELETE_COMPLETE',
    deletedAt: deps.clock.now(),
  });
  options.events.stack('DELETE_COMPLETE');
  return deleted;
}

/** Applies the previous properties again to every resource this deploy updated in place. */
async function restoreUpdates(input: RollbackInput): Promise<boolean> {
  const { deps, stack, options } = input;
  let ok = true;
  for (const change of [...input.changes].reverse()) {
    if (change.kind !== 'update' || !change.before) continue;
    const { before, after } = change;
    options.events.resource(after.logicalId, after.type, 'UPDATE_IN_PROGRESS', {
      physicalId: after.physicalId,
    });
    try {
      const provider = deps.provider(after.type)!;
      const context = resourceContext(deps, stack, after.logicalId, after.type, options);
      const result = await provider.update!(after.physicalId!, before.properties, after.properties, context);
      deps.store.putResource({
        ...before,
        physicalId: result.physicalId,
        attributes: { ...(result.attributes ?? before.attributes) },
        status: 'UPDATE_COMPLETE',
        statusReason: undefined,
        updatedAt: deps.clock.now(),
      });
      options.events.resource(after.logicalId, after.type, 'UPDATE_COMPLETE', {
        physicalId: result.physicalId,
      });
    } catch (error) {
      ok = false;
      const reason = failureReason(deps, after.logicalId, error);
      deps.store.putResource({
        ...after,
        status: 'UPDATE_FAILED',
        statusReason: reason,
        updatedAt: deps.clock.now(),
      });
      options.events.resource(after.logicalId, after.type, 'UPDATE_FAILED', {
        physicalId: after.physicalId,
        reason,
      });
    }
  }
  for (const failure of input.failures) {
    const before = input.previous.get(failure.logicalId);
    if (failure.action !== 'update' || !before) continue;
    deps.store.putResource({ ...before, updatedAt: deps.clock.now() });
    options.events.resource(before.logicalId, before.type, 'UPDATE_COMPLETE', {
      physicalId: before.physicalId,
    });
  }
  return ok;
}

/** Deletes what this deploy created (new resources and replacements) and forgets resources that failed to create. */
async function deleteCreated(input: RollbackInput): Promise<boolean> {
  const { deps, stack, options, mode } = input;
  const creation = mode === 'create';
  let ok = true;
  for (const change of [...input.changes].reverse()) {
    if (change.kind === 'update') continue;
    const { after } = change;
    if (retains(after.deletionPolicy, creation)) {
      options.events.resource(after.logicalId, after.type, 'DELETE_SKIPPED', {
        physicalId: after.physicalId,
      });
    } else {
      options.events.resource(after.logicalId, after.type, 'DELETE_IN_PROGRESS', {
        physicalId: after.physicalId,
      });
      try {
        const context = resourceContext(deps, stack, after.logicalId, after.type, options);
        await deps.provider(after.type)!.delete(after.physicalId!, after.properties, context);
        options.events.resource(after.logicalId, after.type, 'DELETE_COMPLETE', {
          physicalId: after.physicalId,
        });
      } catch (error) {
        ok = false;
        const reason = failureReason(deps, after.logicalId, error);
        deps.store.putResource({
          ...after,
          status: 'DELETE_FAILED',
          statusReason: reason,
          updatedAt: deps.clock.now(),
        });
        options.events.resource(after.logicalId, after.type, 'DELETE_FAILED', {
          physicalId: after.physicalId,
          reason,
        });
        continue;
      }
    }
    settle(input, change.kind === 'replace' ? change.before : undefined, after);
  }
  for (const failure of input.failures) {
    if (failure.action !== 'create') continue;
    const record = deps.store.getResource(stack.stackId, failure.logicalId);
    if (!record) continue;
    options.events.resource(record.logicalId, record.type, 'DELETE_COMPLETE');
    settle(input, undefined, record);
  }
  return ok;
}

/** After undoing a creation: a replaced resource's record comes back; a new one is forgotten (or, on create, kept as deleted). */
function settle(input: RollbackInput, before: ResourceRecord | undefined, after: ResourceRecord): void {
  const { deps, stack, mode } = input;
  if (before) deps.store.putResource(before);
  else if (mode === 'update') deps.store.deleteResource(stack.stackId, after.logicalId);
  else deps.store.putResource({ ...after, status: 'DELETE_COMPLETE', updatedAt: deps.clock.now() });
}
