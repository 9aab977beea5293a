import type {
  DescribeStackEventsInput,
  DescribeStackEventsOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { stackEventShape } from '../describe.ts';
import { requireStack, type StackApi } from './api.ts';

/** A stack's events, newest first. */
export function describeStackEvents(
  api: StackApi,
  input: DescribeStackEventsInput,
  ctx: RequestContext,
): DescribeStackEventsOutput {
  const stack = requireStack(api, ctx, input.StackName);
  return { StackEvents: api.store.listEvents(stack.stackId).map(stackEventShape) };
}
