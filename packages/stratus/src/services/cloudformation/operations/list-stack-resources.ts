import type {
  ListStackResourcesInput,
  ListStackResourcesOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { resourceSummaryShape } from '../describe.ts';
import { requireStack, type StackApi } from './api.ts';

export function listStackResources(
  api: StackApi,
  input: ListStackResourcesInput,
  ctx: RequestContext,
): ListStackResourcesOutput {
  const stack = requireStack(api, ctx, input.StackName);
  return { StackResourceSummaries: api.store.listResources(stack.stackId).map(resourceSummaryShape) };
}
