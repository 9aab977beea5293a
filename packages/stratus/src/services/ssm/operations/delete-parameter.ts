import type { DeleteParameterRequest, DeleteParameterResult } from '../../../protocol/models/types/ssm.ts';
import type { RequestContext } from '../../service.ts';
import { SsmErrors } from '../errors.ts';
import type { ParameterStore } from '../store.ts';

export function deleteParameter(
  store: ParameterStore,
  input: DeleteParameterRequest,
  ctx: RequestContext,
): DeleteParameterResult {
  if (!store.delete(ctx.accountId, ctx.region, input.Name)) throw SsmErrors.parameterNotFound();
  return {};
}
