import type { RequestContext } from '../service.ts';
import { LambdaErrors } from './errors.ts';
import { LATEST } from './model.ts';

/** A function named by name, partial ARN or ARN, possibly with a qualifier. */
export interface FunctionRef {
  readonly name: string;
  readonly qualifier?: string;
  readonly region?: string;
  readonly accountId?: string;
}

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;

/** Refs parsed lately: other services invoke the same few functions thousands of times a second (a pure memo). */
const parsed = new Map<string, FunctionRef>();
const PARSED_KEPT = 256;

/**
 * Reads `my-function`, `my-function:$LATEST`, `123456789012:function:my-function[:q]` and
 * `arn:aws:lambda:us-east-1:123456789012:function:my-function[:q]`.
 */
export function parseFunctionRef(value: string): FunctionRef {
  let ref = parsed.get(value);
  if (ref) return ref;
  ref = parseRef(value);
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  parsed.set(value, ref);
  return ref;
}

function parseRef(value: string): FunctionRef {
  const parts = value.split(':');
  let ref: FunctionRef | undefined;
  if (parts[0] === 'arn' && parts.length >= 7 && parts[2] === 'lambda' && parts[5] === 'function') {
    ref = { region: parts[3], accountId: parts[4], name: parts[6]!, qualifier: parts[7] };
    if (parts.length > 8) ref = undefined;
  } else if (parts.length >= 3 && parts[1] === 'function' && /^\d{12}$/.test(parts[0]!)) {
    ref = parts.length <= 4 ? { accountId: parts[0], name: parts[2]!, qualifier: parts[3] } : undefined;
  } else if (parts.length <= 2) {
    ref = { name: parts[0]!, qualifier: parts[1] };
  }
  if (!ref || !NAME.test(ref.name)) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: ' +
        '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    );
  }
  return ref;
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

/**
 * The function a request names, in the request's region and account. Only `$LATEST` exists
 * (Stratus does not publish versions or aliases), so any other qualifier is not found.
 */
export function resolveRef(
  value: string,
  ctx: Pick<RequestContext, 'region' | 'accountId'>,
  qualifierParam?: string,
): FunctionRef & { region: string; accountId: string } {
  const ref = parseFunctionRef(value);
  const region = ref.region ?? ctx.region;
  if (region !== ctx.region) {
    throw LambdaErrors.invalidParameter(
      `Functions from '${region}' are not reachable in this region ('${ctx.region}')`,
    );
  }
  if (ref.qualifier && qualifierParam && ref.qualifier !== qualifierParam) {
    throw LambdaErrors.invalidParameter(
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  const accountId = ref.accountId ?? ctx.accountId;
  const qualifier = ref.qualifier ?? qualifierParam;
  if (qualifier !== undefined && qualifier !== LATEST) {
    throw LambdaErrors.functionNotFound(functionArn(region, accountId, ref.name, qualifier));
  }
  return { name: ref.name, qualifier, region, accountId };
}
