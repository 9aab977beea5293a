import type {
  DescribeStacksInput,
  DescribeStacksOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { stackShape } from '../describe.ts';
import { requireStack, type StackApi } from './api.ts';

/** One stack by name or id, or every live stack of the region (newest first). */
export function describeStacks(
  api: StackApi,
  input: DescribeStacksInput,
  ctx: RequestContext,
): DescribeStacksOutput {
  if (input.StackName) return { Stacks: [stackShape(requireStack(api, ctx, input.StackName))] };
  const stacks = api.store.listStacks(ctx.accountId, ctx.region).filter((stack) => !stack.deletedAt);
  return { Stacks: stacks.reverse().map(stackShape) };
}
