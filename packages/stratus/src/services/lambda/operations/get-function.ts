import type { RequestContext } from '../../service.ts';
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
    // Stratus keeps the code unpacked on disk; there is no presigned download URL to offer.
    Code: { RepositoryType: 'S3' },
    Tags: Object.keys(fn.tags).length > 0 ? { ...fn.tags } : undefined,
    Concurrency:
      fn.reservedConcurrency === undefined
        ? undefined
        : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  };
}
