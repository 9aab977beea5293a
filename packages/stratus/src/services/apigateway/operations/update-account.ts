import { ApiGatewayErrors } from '../errors.ts';
import type { Account, PatchOperation } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { getAccount } from './get-account.ts';

export function updateAccount(
  state: ApiGatewayState,
  input: { patchOperations?: PatchOperation[] },
  scope: Scope,
): Account {
  const account = getAccount(state, input, scope);
  for (const op of input.patchOperations ?? []) {
    if (op.path !== '/cloudwatchRoleArn' || op.op !== 'replace')
      throw ApiGatewayErrors.invalidPatchPath(op.path);
    account.cloudwatchRoleArn = op.value || undefined;
  }
  state.store.putAccount(scope, account);
  return account;
}
