import { isAwsError } from '../../../protocol/errors.ts';
import type { GetParametersRequest, GetParametersResult } from '../../../protocol/models/types/ssm.ts';
import type { RequestContext } from '../../service.ts';
import { splitSelector } from '../names.ts';
import { parameterShape } from '../shape.ts';
import type { ParameterStore } from '../store.ts';
import { findParameter } from './get-parameter.ts';

/** The parameters found, and the names that designate none. */
export function getParameters(
  store: ParameterStore,
  input: GetParametersRequest,
  ctx: RequestContext,
): GetParametersResult {
  const result: Required<GetParametersResult> = { Parameters: [], InvalidParameters: [] };
  for (const reference of new Set(input.Names)) {
    try {
      const record = findParameter(store, ctx, reference);
      const { version } = splitSelector(reference);
      result.Parameters.push(
        parameterShape(ctx.accountId, ctx.region, record, input.WithDecryption, version && `:${version}`),
      );
    } catch (error) {
      if (!isAwsError(error)) throw error;
      result.InvalidParameters.push(reference);
    }
  }
  return result;
}
