import type {
  DeleteRolePolicyRequest,
  GetRolePolicyRequest,
  GetRolePolicyResponse,
  ListRolePoliciesRequest,
  ListRolePoliciesResponse,
  PutRolePolicyRequest,
} from '../../../protocol/models/types/iam.ts';
import type { RequestContext } from '../../service.ts';
import { IamErrors } from '../errors.ts';
import { checkName, policyDocument } from '../ids.ts';
import type { IamStore } from '../store.ts';
import { requireRole } from './roles.ts';

/** Adds or replaces an inline policy of a role. */
export function putRolePolicy(
  store: IamStore,
  input: PutRolePolicyRequest,
  ctx: RequestContext,
): Record<string, never> {
  checkName(input.PolicyName, 'policyName', 128);
  const role = requireRole(store, ctx, input.RoleName);
  const document = policyDocument(input.PolicyDocument);
  store.putRole(ctx.accountId, {
    ...role,
    inlinePolicies: { ...role.inlinePolicies, [input.PolicyName]: document },
  });
  return {};
}

export function getRolePolicy(
  store: IamStore,
  input: GetRolePolicyRequest,
  ctx: RequestContext,
): GetRolePolicyResponse {
  const role = requireRole(store, ctx, input.RoleName);
  const document = role.inlinePolicies[input.PolicyName];
  if (document === undefined) throw IamErrors.noSuchRolePolicy(input.PolicyName);
  return {
    RoleName: role.roleName,
    PolicyName: input.PolicyName,
    PolicyDocument: encodeURIComponent(document),
  };
}

export function listRolePolicies(
  store: IamStore,
  input: ListRolePoliciesRequest,
  ctx: RequestContext,
): ListRolePoliciesResponse {
  const role = requireRole(store, ctx, input.RoleName);
  return { PolicyNames: Object.keys(role.inlinePolicies).sort(), IsTruncated: false };
}

export function deleteRolePolicy(
  store: IamStore,
  input: DeleteRolePolicyRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  if (role.inlinePolicies[input.PolicyName] === undefined) throw IamErrors.noSuchRolePolicy(input.PolicyName);
  const { [input.PolicyName]: _removed, ...rest } = role.inlinePolicies;
  store.putRole(ctx.accountId, { ...role, inlinePolicies: rest });
  return {};
}
