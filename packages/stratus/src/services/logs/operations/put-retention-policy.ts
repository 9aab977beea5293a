import type { RequestContext } from '../../service.ts';
import { type LogsCore, RETENTION_DAYS, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export function putRetentionPolicy(
  core: LogsCore,
  input: { logGroupName: string; retentionInDays: number },
  ctx: RequestContext,
): object {
  if (!(RETENTION_DAYS as readonly number[]).includes(input.retentionInDays)) {
    throw LogsErrors.invalidParameter(
      `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy ` +
        `constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  if (!core.store.setRetention(scopeOf(ctx), input.logGroupName, input.retentionInDays)) {
    throw LogsErrors.groupNotFound();
  }
  return {};
}
