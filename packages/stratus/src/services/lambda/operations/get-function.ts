import type { RequestContext } from '../../service.ts';
import { codeLocation } from '../code-route.ts';
import { functionConfiguration } from '../configuration.ts';
import { type LambdaCore, requireFunction } from '../core.ts';

export function getFunction(
  core: LambdaCore,
  input: { FunctionName: string; Qualifier?: string },
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  return {
    Configuration: functionConfiguration(fn),
    Code: { RepositoryType: 'S3', Location: codeLocation(core.endpoint(), fn) },
    Tags: Object.keys(fn.tags).length > 0 ? { ...fn.tags } : undefined,
    Concurrency:
      fn.reservedConcurrency === undefined
        ? undefined
        : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  };
}
