import type { RequestContext } from '../../service.ts';
import { functionConfiguration } from '../configuration.ts';
import { type LambdaCore, requireFunction } from '../core.ts';

export function getFunctionConfiguration(
  core: LambdaCore,
  input: { FunctionName: string; Qualifier?: string },
  ctx: RequestContext,
) {
  return functionConfiguration(requireFunction(core, input.FunctionName, ctx, input.Qualifier));
}
