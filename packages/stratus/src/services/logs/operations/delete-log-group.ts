import type { RequestContext } from '../../service.ts';
import { type LogsCore, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export function deleteLogGroup(core: LogsCore, input: { logGroupName: string }, ctx: RequestContext): object {
  if (!core.store.deleteGroup(scopeOf(ctx), input.logGroupName)) throw LogsErrors.groupNotFound();
  return {};
}
