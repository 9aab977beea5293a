import type { DeleteParametersRequest, DeleteParametersResult } from '../../../protocol/models/types/ssm.ts';
import type { RequestContext } from '../../service.ts';
import type { ParameterStore } from '../store.ts';

/** Deletes what exists; the other names come back as InvalidParameters. */
export function deleteParameters(
  store: ParameterStore,
  input: DeleteParametersRequest,
  ctx: RequestContext,
): DeleteParametersResult {
  const result: Required<DeleteParametersResult> = { DeletedParameters: [], InvalidParameters: [] };
  for (const name of new Set(input.Names)) {
    if (store.delete(ctx.accountId, ctx.region, name)) result.DeletedParameters.push(name);
    else result.InvalidParameters.push(name);
  }
  return result;
}
