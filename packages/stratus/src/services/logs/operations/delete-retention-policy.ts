import type { RequestContext } from '../../service.ts';
import { type LogsCore, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export function deleteRetentionPolicy(core: LogsCore, input: { logGroupName: string }, ctx: RequestContext) {
  if (!core.store.setRetention(scopeOf(ctx), input.logGroupName, undefined)) throw LogsErrors.groupNotFound();
  return {};
}
