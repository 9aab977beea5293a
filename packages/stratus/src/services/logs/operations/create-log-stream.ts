import type { RequestContext } from '../../service.ts';
import { type LogsCore, requireGroup, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export function createLogStream(
  core: LogsCore,
  input: { logGroupName: string; logStreamName: string },
  ctx: RequestContext,
): object {
  const scope = scopeOf(ctx);
  requireGroup(core, scope, input.logGroupName);
  if (!core.store.createStream(scope, input.logGroupName, input.logStreamName, core.clock.now())) {
    throw LogsErrors.streamExists();
  }
  return {};
}
