import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';

export function getFunctionConcurrency(
  core: LambdaCore,
  input: { FunctionName: string },
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx);
  return { ReservedConcurrentExecutions: fn.reservedConcurrency };
}
