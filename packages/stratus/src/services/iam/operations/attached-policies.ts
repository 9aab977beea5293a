import type {
  AttachRolePolicyRequest,
  DetachRolePolicyRequest,
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse,
} from '../../../protocol/models/types/iam.ts';
import type { RequestContext } from '../../service.ts';
import { IamErrors } from '../errors.ts';
import { nameFromArn } from '../ids.ts';
import type { IamStore } from '../store.ts';
import { requireRole } from './roles.ts';

/** AWS managed policies (`arn:aws:iam::aws:policy/…`) are taken as they are named; Stratus does not list them. */
function isAwsManaged(arn: string): boolean {
  return /^arn:aws[\w-]*:iam::aws:policy\//.test(arn);
}

/** Attaches a managed policy: one of the account's, or any AWS managed policy. */
export function attachRolePolicy(
  store: IamStore,
  input: AttachRolePolicyRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  if (!isAwsManaged(input.PolicyArn) && !store.getPolicy(ctx.accountId, input.PolicyArn)) {
    throw IamErrors.noSuchPolicy(input.PolicyArn);
  }
  if (role.managedPolicyArns.includes(input.PolicyArn)) return {};
  if (role.managedPolicyArns.length >= 20) {
    throw IamErrors.limitExceeded('Cannot exceed quota for PoliciesPerRole: 20');
  }
  store.putRole(ctx.accountId, { ...role, managedPolicyArns: [...role.managedPolicyArns, input.PolicyArn] });
  return {};
}

export function detachRolePolicy(
  store: IamStore,
  input: DetachRolePolicyRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  if (!role.managedPolicyArns.includes(input.PolicyArn)) throw IamErrors.policyNotAttached(input.PolicyArn);
  store.putRole(ctx.accountId, {
    ...role,
    managedPolicyArns: role.managedPolicyArns.filter((arn) => arn !== input.PolicyArn),
  });
  return {};
}

export function listAttachedRolePolicies(
  store: IamStore,
  input: ListAttachedRolePoliciesRequest,
  ctx: RequestContext,
): ListAttachedRolePoliciesResponse {
  const role = requireRole(store, ctx, input.RoleName);
  return {
    AttachedPolicies: role.managedPolicyArns.map((arn) => ({ PolicyArn: arn, PolicyName: nameFromArn(arn) })),
    IsTruncated: false,
  };
}
