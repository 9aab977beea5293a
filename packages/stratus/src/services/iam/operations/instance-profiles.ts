import type {
  AddRoleToInstanceProfileRequest,
  CreateInstanceProfileRequest,
  CreateInstanceProfileResponse,
  DeleteInstanceProfileRequest,
  GetInstanceProfileRequest,
  GetInstanceProfileResponse,
  InstanceProfile,
  RemoveRoleFromInstanceProfileRequest,
} from '../../../protocol/models/types/iam.ts';
import type { RequestContext } from '../../service.ts';
import { IamErrors } from '../errors.ts';
import { checkName, checkPath, uniqueId } from '../ids.ts';
import type { IamStore, InstanceProfileRecord } from '../store.ts';
import { requireRole, roleShape } from './roles.ts';

function profileShape(store: IamStore, ctx: RequestContext, profile: InstanceProfileRecord): InstanceProfile {
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: new Date(profile.createDate),
    Roles: profile.roles.flatMap((name) => {
      const role = store.getRole(ctx.accountId, name);
      return role ? [roleShape(role)] : [];
    }),
  };
}

function requireProfile(store: IamStore, ctx: RequestContext, name: string): InstanceProfileRecord {
  const profile = store.getInstanceProfile(ctx.accountId, name);
  if (!profile) throw IamErrors.noSuchInstanceProfile(name);
  return profile;
}

export function createInstanceProfile(
  store: IamStore,
  input: CreateInstanceProfileRequest,
  ctx: RequestContext,
  now: number,
): CreateInstanceProfileResponse {
  checkName(input.InstanceProfileName, 'instanceProfileName', 128);
  const path = input.Path ?? '/';
  checkPath(path);
  if (store.getInstanceProfile(ctx.accountId, input.InstanceProfileName)) {
    throw IamErrors.instanceProfileExists(input.InstanceProfileName);
  }
  const profile: InstanceProfileRecord = {
    name: input.InstanceProfileName,
    id: uniqueId('AIPA'),
    arn: `arn:aws:iam::${ctx.accountId}:instance-profile${path}${input.InstanceProfileName}`,
    path,
    roles: [],
    createDate: now,
  };
  store.putInstanceProfile(ctx.accountId, profile);
  return { InstanceProfile: profileShape(store, ctx, profile) };
}

export function getInstanceProfile(
  store: IamStore,
  input: GetInstanceProfileRequest,
  ctx: RequestContext,
): GetInstanceProfileResponse {
  return { InstanceProfile: profileShape(store, ctx, requireProfile(store, ctx, input.InstanceProfileName)) };
}

export function deleteInstanceProfile(
  store: IamStore,
  input: DeleteInstanceProfileRequest,
  ctx: RequestContext,
): Record<string, never> {
  const profile = requireProfile(store, ctx, input.InstanceProfileName);
  if (profile.roles.length)
    throw IamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  store.deleteInstanceProfile(ctx.accountId, profile.name);
  return {};
}

/** An instance profile holds one role at most. */
export function addRoleToInstanceProfile(
  store: IamStore,
  input: AddRoleToInstanceProfileRequest,
  ctx: RequestContext,
): Record<string, never> {
  const profile = requireProfile(store, ctx, input.InstanceProfileName);
  const role = requireRole(store, ctx, input.RoleName);
  if (profile.roles.length)
    throw IamErrors.limitExceeded('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
  store.putInstanceProfile(ctx.accountId, { ...profile, roles: [role.roleName] });
  return {};
}

export function removeRoleFromInstanceProfile(
  store: IamStore,
  input: RemoveRoleFromInstanceProfileRequest,
  ctx: RequestContext,
): Record<string, never> {
  const profile = requireProfile(store, ctx, input.InstanceProfileName);
  if (!profile.roles.some((name) => name.toLowerCase() === input.RoleName.toLowerCase())) {
    throw IamErrors.noSuchRole(input.RoleName);
  }
  store.putInstanceProfile(ctx.accountId, { ...profile, roles: [] });
  return {};
}
