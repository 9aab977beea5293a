import type { RequestContext } from '../../service.ts';
import { MAX_UNZIPPED_BYTES } from '../code.ts';
import type { LambdaCore } from '../core.ts';

export function getAccountSettings(core: LambdaCore, _input: unknown, ctx: RequestContext) {
  const limit = core.concurrency.accountLimit;
  const usage = core.store.usage(ctx.accountId, ctx.region);
  return {
    AccountLimit: {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: MAX_UNZIPPED_BYTES,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: limit,
      UnreservedConcurrentExecutions: limit - core.store.totalReserved(ctx.accountId, ctx.region),
    },
    AccountUsage: { TotalCodeSize: usage.totalCodeSize, FunctionCount: usage.functionCount },
  };
}
