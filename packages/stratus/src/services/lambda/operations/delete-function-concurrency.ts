import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';

export function deleteFunctionConcurrency(
  core: LambdaCore,
  input: { FunctionName: string },
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx);
  core.store.put({ ...fn, reservedConcurrency: undefined });
  return {};
}
