import type { PutParameterRequest, PutParameterResult } from '../../../protocol/models/types/ssm.ts';
import type { RequestContext } from '../../service.ts';
import { SsmErrors } from '../errors.ts';
import { checkParameterName } from '../names.ts';
import type { ParameterRecord, ParameterStore } from '../store.ts';

const MAX_VALUE = { Standard: 4096, Advanced: 8192 } as const;

/** Creates a parameter, or a new version of it with Overwrite. */
export function putParameter(
  store: ParameterStore,
  input: PutParameterRequest,
  ctx: RequestContext,
  now: number,
): PutParameterResult {
  checkParameterName(input.Name);
  const existing = store.get(ctx.accountId, ctx.region, input.Name);
  if (existing && !input.Overwrite) throw SsmErrors.parameterAlreadyExists();
  if (existing && input.Overwrite && input.Tags?.length) {
    throw SsmErrors.validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const type = input.Type ?? existing?.type;
  if (!type) throw SsmErrors.validation('A parameter type is required when you create a parameter.');
  if (!input.Value) {
    throw SsmErrors.validation(
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1.",
    );
  }
  const tier = input.Tier === 'Advanced' || existing?.tier === 'Advanced' ? 'Advanced' : 'Standard';
  if (input.Value.length > MAX_VALUE[tier]) {
    throw SsmErrors.validation(
      tier === 'Standard'
        ? 'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html'
        : 'Advanced tier parameters support a maximum parameter value of 8192 characters.',
    );
  }
  const allowedPattern = input.AllowedPattern ?? existing?.allowedPattern;
  if (allowedPattern !== undefined && !allowedPatternRegex(allowedPattern).test(input.Value)) {
    throw SsmErrors.patternMismatch(allowedPattern);
  }
  const record: ParameterRecord = {
    name: input.Name,
    type,
    value: input.Value,
    version: (existing?.version ?? 0) + 1,
    description: input.Description ?? existing?.description,
    allowedPattern,
    tier,
    dataType: input.DataType ?? existing?.dataType ?? 'text',
    lastModified: now,
  };
  store.put(ctx.accountId, ctx.region, record);
  return { Version: record.version, Tier: tier };
}

function allowedPatternRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw SsmErrors.invalidAllowedPattern();
  }
}
