import type { DeleteStackInput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import type { StackApi } from './api.ts';

/** Starts deleting a stack; a stack that does not exist is no error (DeleteStack is idempotent). */
export function deleteStack(
  api: StackApi,
  input: DeleteStackInput,
  ctx: RequestContext,
): Record<string, never> {
  const stack = api.store.findStack(ctx.accountId, ctx.region, input.StackName);
  if (stack) api.engine.delete(stack, { retain: input.RetainResources });
  return {};
}
