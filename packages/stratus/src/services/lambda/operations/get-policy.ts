import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { policyDocument } from '../policy.ts';

export function getPolicy(
  core: LambdaCore,
  input: { FunctionName: string; Qualifier?: string },
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  if (!fn.policy) throw LambdaErrors.resourceNotFound();
  return { Policy: policyDocument(fn.policy), RevisionId: fn.policy.revisionId };
}
