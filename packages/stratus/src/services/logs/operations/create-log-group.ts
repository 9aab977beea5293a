import type { RequestContext } from '../../service.ts';
import { type LogsCore, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export interface CreateLogGroupInput {
  readonly logGroupName: string;
  readonly kmsKeyId?: string;
  readonly tags?: Record<string, string>;
}

export function createLogGroup(core: LogsCore, input: CreateLogGroupInput, ctx: RequestContext): object {
  const created = core.store.createGroup(scopeOf(ctx), input.logGroupName, core.clock.now(), input.kmsKeyId);
  if (!created) throw LogsErrors.groupExists();
  return {};
}
