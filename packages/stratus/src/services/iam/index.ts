import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';
import { instanceProfileProvider } from './cfn/instance-profile.ts';
import { managedPolicyProvider } from './cfn/managed-policy.ts';
import { policyProvider } from './cfn/policy.ts';
import { roleProvider } from './cfn/role.ts';
import { nameFromArn } from './ids.ts';
import {
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
} from './operations/attached-policies.ts';
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  removeRoleFromInstanceProfile,
} from './operations/instance-profiles.ts';
import { createPolicy, createPolicyVersion, deletePolicy, getPolicy } from './operations/managed-policies.ts';
import {
  deleteRolePolicy,
  getRolePolicy,
  listRolePolicies,
  putRolePolicy,
} from './operations/role-policies.ts';
import {
  createRole,
  deleteRole,
  getRole,
  listRoles,
  updateAssumeRolePolicy,
  updateRole,
} from './operations/roles.ts';
import { IamStore, type RoleRecord } from './store.ts';

/** A role as other services see it (Lambda's execution role, API Gateway's credentials). */
export type IamRole = RoleRecord;

/**
 * IAM: roles, their trust policies and inline and managed policies, as templates create them.
 * Nothing here evaluates policies (that comes with the IAM issue).
 */
export class IamService implements AwsService {
  readonly name = 'iam';
  readonly model = loadModel('iam');
  readonly deps: ServiceDeps;
  readonly store: IamStore;
  readonly operations: Record<string, Operation>;
  readonly providers: Record<string, ResourceProvider>;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
    const store = new IamStore(deps.storage.database('iam'));
    const now = () => deps.clock.now();
    this.store = store;
    this.operations = {
      CreateRole: (input, ctx) => createRole(store, input, ctx, now()),
      GetRole: (input, ctx) => getRole(store, input, ctx),
      ListRoles: (input, ctx) => listRoles(store, input, ctx),
      DeleteRole: (input, ctx) => deleteRole(store, input, ctx),
      UpdateRole: (input, ctx) => updateRole(store, input, ctx),
      UpdateAssumeRolePolicy: (input, ctx) => updateAssumeRolePolicy(store, input, ctx),
      PutRolePolicy: (input, ctx) => putRolePolicy(store, input, ctx),
      GetRolePolicy: (input, ctx) => getRolePolicy(store, input, ctx),
      ListRolePolicies: (input, ctx) => listRolePolicies(store, input, ctx),
      DeleteRolePolicy: (input, ctx) => deleteRolePolicy(store, input, ctx),
      AttachRolePolicy: (input, ctx) => attachRolePolicy(store, input, ctx),
      DetachRolePolicy: (input, ctx) => detachRolePolicy(store, input, ctx),
      ListAttachedRolePolicies: (input, ctx) => listAttachedRolePolicies(store, input, ctx),
      CreatePolicy: (input, ctx) => createPolicy(store, input, ctx, now()),
      GetPolicy: (input, ctx) => getPolicy(store, input, ctx),
      CreatePolicyVersion: (input, ctx) => createPolicyVersion(store, input, ctx, now()),
      DeletePolicy: (input, ctx) => deletePolicy(store, input, ctx),
      CreateInstanceProfile: (input, ctx) => createInstanceProfile(store, input, ctx, now()),
      GetInstanceProfile: (input, ctx) => getInstanceProfile(store, input, ctx),
      DeleteInstanceProfile: (input, ctx) => deleteInstanceProfile(store, input, ctx),
      AddRoleToInstanceProfile: (input, ctx) => addRoleToInstanceProfile(store, input, ctx),
      RemoveRoleFromInstanceProfile: (input, ctx) => removeRoleFromInstanceProfile(store, input, ctx),
    };
    this.providers = {
      'AWS::IAM::Role': roleProvider(store, now),
      'AWS::IAM::Policy': policyProvider(store),
      'AWS::IAM::ManagedPolicy': managedPolicyProvider(store, now),
      'AWS::IAM::InstanceProfile': instanceProfileProvider(store, now),
    };
  }

  /** A role of this instance's account by name or ARN; undefined when there is none. */
  getRole(nameOrArn: string): IamRole | undefined {
    return this.store.getRole(this.deps.accountId, nameFromArn(nameOrArn));
  }
}
