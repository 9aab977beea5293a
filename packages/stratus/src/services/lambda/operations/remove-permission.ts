import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';

export function removePermission(
  core: LambdaCore,
  input: { FunctionName: string; StatementId: string; Qualifier?: string; RevisionId?: string },
  ctx: RequestContext,
): object {
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  if (!fn.policy) throw LambdaErrors.resourceNotFound('No policy is associated with the given resource.');
  if (input.RevisionId !== undefined && input.RevisionId !== fn.policy.revisionId) {
    throw LambdaErrors.preconditionFailed();
  }
  const statements = fn.policy.statements.filter((s) => s.Sid !== input.StatementId);
  if (statements.length === fn.policy.statements.length) {
    throw LambdaErrors.resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  }
  core.store.put({
    ...fn,
    policy: statements.length > 0 ? { revisionId: randomUUID(), statements } : undefined,
  });
  return {};
}
