import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';

export async function deleteFunction(
  core: LambdaCore,
  input: { FunctionName: string; Qualifier?: string },
  ctx: RequestContext,
): Promise<object> {
  if (input.Qualifier === '$LATEST') {
    throw LambdaErrors.invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  }
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  core.store.delete(fn.accountId, fn.region, fn.name);
  await core.runtime.remove(fn.arn);
  core.code.removeAll(fn);
  return {};
}
