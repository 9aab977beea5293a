import type {
  CreateRoleRequest,
  CreateRoleResponse,
  DeleteRoleRequest,
  GetRoleRequest,
  GetRoleResponse,
  ListRolesRequest,
  ListRolesResponse,
  Role,
  UpdateAssumeRolePolicyRequest,
  UpdateRoleRequest,
} from '../../../protocol/models/types/iam.ts';
import type { RequestContext } from '../../service.ts';
import { IamErrors } from '../errors.ts';
import { checkName, checkPath, policyDocument, uniqueId } from '../ids.ts';
import type { IamStore, RoleRecord } from '../store.ts';

/** A role as IAM's API returns it: policy documents URL-encoded, as AWS sends them. */
export function roleShape(role: RoleRecord): Role {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: role.permissionsBoundary
      ? {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: role.permissionsBoundary,
        }
      : undefined,
    Tags: role.tags.length ? [...role.tags] : undefined,
    RoleLastUsed: {},
  };
}

export function requireRole(store: IamStore, ctx: RequestContext, name: string): RoleRecord {
  const role = store.getRole(ctx.accountId, name);
  if (!role) throw IamErrors.noSuchRole(name);
  return role;
}

export function createRole(
  store: IamStore,
  input: CreateRoleRequest,
  ctx: RequestContext,
  now: number,
): CreateRoleResponse {
  checkName(input.RoleName, 'roleName', 64);
  const path = input.Path ?? '/';
  checkPath(path);
  const maxSessionDuration = input.MaxSessionDuration ?? 3600;
  checkSessionDuration(maxSessionDuration);
  if (store.getRole(ctx.accountId, input.RoleName)) throw IamErrors.roleExists(input.RoleName);
  const role: RoleRecord = {
    roleName: input.RoleName,
    roleId: uniqueId('AROA'),
    arn: `arn:aws:iam::${ctx.accountId}:role${path}${input.RoleName}`,
    path,
    assumeRolePolicyDocument: policyDocument(input.AssumeRolePolicyDocument),
    description: input.Description,
    maxSessionDuration,
    permissionsBoundary: input.PermissionsBoundary,
    tags: (input.Tags ?? []).map((tag) => ({ Key: tag.Key, Value: tag.Value })),
    createDate: now,
    inlinePolicies: {},
    managedPolicyArns: [],
  };
  store.putRole(ctx.accountId, role);
  return { Role: roleShape(role) };
}

export function getRole(store: IamStore, input: GetRoleRequest, ctx: RequestContext): GetRoleResponse {
  return { Role: roleShape(requireRole(store, ctx, input.RoleName)) };
}

export function listRoles(store: IamStore, input: ListRolesRequest, ctx: RequestContext): ListRolesResponse {
  const prefix = input.PathPrefix ?? '/';
  const roles = store.listRoles(ctx.accountId).filter((role) => role.path.startsWith(prefix));
  return {
    Roles: roles.map((role) => ({ ...roleShape(role), Tags: undefined, RoleLastUsed: undefined })),
    IsTruncated: false,
  };
}

/** Deletes a role that has no inline policies, attached policies or instance profiles left. */
export function deleteRole(
  store: IamStore,
  input: DeleteRoleRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  if (Object.keys(role.inlinePolicies).length) {
    throw IamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
  }
  if (role.managedPolicyArns.length)
    throw IamErrors.deleteConflict('Cannot delete entity, must detach all policies first.');
  const profiles = store.listInstanceProfiles(ctx.accountId).filter((p) => p.roles.includes(role.roleName));
  if (profiles.length) {
    throw IamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  }
  store.deleteRole(ctx.accountId, role.roleName);
  return {};
}

export function updateRole(
  store: IamStore,
  input: UpdateRoleRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  if (input.MaxSessionDuration !== undefined) checkSessionDuration(input.MaxSessionDuration);
  store.putRole(ctx.accountId, {
    ...role,
    description: input.Description ?? role.description,
    maxSessionDuration: input.MaxSessionDuration ?? role.maxSessionDuration,
  });
  return {};
}

export function updateAssumeRolePolicy(
  store: IamStore,
  input: UpdateAssumeRolePolicyRequest,
  ctx: RequestContext,
): Record<string, never> {
  const role = requireRole(store, ctx, input.RoleName);
  store.putRole(ctx.accountId, { ...role, assumeRolePolicyDocument: policyDocument(input.PolicyDocument) });
  return {};
}

function checkSessionDuration(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
    throw IamErrors.validation(
      `1 validation error detected: Value '${seconds}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    );
  }
}
