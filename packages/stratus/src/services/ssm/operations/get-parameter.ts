import type { GetParameterRequest, GetParameterResult } from '../../../protocol/models/types/ssm.ts';
import type { RequestContext } from '../../service.ts';
import { SsmErrors } from '../errors.ts';
import { splitSelector } from '../names.ts';
import { parameterShape } from '../shape.ts';
import type { ParameterRecord, ParameterStore } from '../store.ts';

export function getParameter(
  store: ParameterStore,
  input: GetParameterRequest,
  ctx: RequestContext,
): GetParameterResult {
  const record = findParameter(store, ctx, input.Name);
  const { version } = splitSelector(input.Name);
  return {
    Parameter: parameterShape(
      ctx.accountId,
      ctx.region,
      record,
      input.WithDecryption,
      version && `:${version}`,
    ),
  };
}

/** The parameter a name (or `name:version`) designates; only the current version is kept. */
export function findParameter(
  store: ParameterStore,
  ctx: RequestContext,
  reference: string,
): ParameterRecord {
  const { name, version } = splitSelector(reference);
  const record = store.get(ctx.accountId, ctx.region, name);
  if (!record) throw SsmErrors.parameterNotFound();
  if (version !== undefined && version !== String(record.version))
    throw SsmErrors.versionNotFound(name, version);
  return record;
}
