import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { type PermissionInput, permissionStatement } from '../policy.ts';

export interface AddPermissionInput extends PermissionInput {
  readonly FunctionName: string;
  readonly Qualifier?: string;
  readonly RevisionId?: string;
}

export function addPermission(core: LambdaCore, input: AddPermissionInput, ctx: RequestContext) {
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  if (input.RevisionId !== undefined && input.RevisionId !== (fn.policy?.revisionId ?? fn.revisionId)) {
    throw LambdaErrors.preconditionFailed();
  }
  const statements = fn.policy?.statements ?? [];
  if (statements.some((s) => s.Sid === input.StatementId)) {
    throw LambdaErrors.conflict(
      'The statement id (sid) provided already exists. Please specify a new statement id, or remove the existing statement.',
    );
  }
  const statement = permissionStatement(input, input.Qualifier ? `${fn.arn}:${input.Qualifier}` : fn.arn);
  core.store.put({ ...fn, policy: { revisionId: randomUUID(), statements: [...statements, statement] } });
  return { Statement: JSON.stringify(statement) };
}
