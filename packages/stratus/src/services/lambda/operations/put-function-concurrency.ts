import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { checkRange } from '../validation.ts';

/** AWS keeps 100 of the default 1000 unreserved; Stratus keeps a tenth of smaller limits. */
export function minimumUnreserved(accountLimit: number): number {
  return Math.min(100, Math.floor(accountLimit / 10));
}

export function putFunctionConcurrency(
  core: LambdaCore,
  input: { FunctionName: string; ReservedConcurrentExecutions: number },
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx);
  const reserved = input.ReservedConcurrentExecutions;
  checkRange('reservedConcurrentExecutions', reserved, 0, Number.MAX_SAFE_INTEGER);
  const limit = core.concurrency.accountLimit;
  const minimum = minimumUnreserved(limit);
  if (limit - core.store.totalReserved(fn.accountId, fn.region, fn.name) - reserved < minimum) {
    throw LambdaErrors.invalidParameter(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution " +
        `below its minimum value of [${minimum}].`,
    );
  }
  core.store.put({ ...fn, reservedConcurrency: reserved });
  return { ReservedConcurrentExecutions: reserved };
}
