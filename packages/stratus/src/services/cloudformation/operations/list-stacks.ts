import type { ListStacksInput, ListStacksOutput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { stackSummaryShape } from '../describe.ts';
import type { StackApi } from './api.ts';

/** Every stack of the region, deleted ones included, optionally filtered by status. */
export function listStacks(api: StackApi, input: ListStacksInput, ctx: RequestContext): ListStacksOutput {
  const filter = input.StackStatusFilter;
  const stacks = api.store
    .listStacks(ctx.accountId, ctx.region)
    .filter((stack) => !filter?.length || (filter as string[]).includes(stack.status));
  return { StackSummaries: stacks.reverse().map(stackSummaryShape) };
}
