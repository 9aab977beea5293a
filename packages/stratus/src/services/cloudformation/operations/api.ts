import type { StackEngine } from '../../../cloudformation/engine.ts';
import type { RequestContext } from '../../service.ts';
import { CloudFormationErrors } from '../errors.ts';
import type { StackRecord, StackStore } from '../store.ts';

/** What the stack API operations work on. */
export interface StackApi {
  readonly store: StackStore;
  readonly engine: StackEngine;
}

/** The stack a request names (live by name, any by id), or AWS's "does not exist" error. */
export function requireStack(api: StackApi, ctx: RequestContext, nameOrId: string | undefined): StackRecord {
  const stack = nameOrId ? api.store.findStack(ctx.accountId, ctx.region, nameOrId) : undefined;
  if (!stack) throw CloudFormationErrors.stackNotFound(nameOrId ?? '');
  return stack;
}
