import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import { attachRolePolicy, detachRolePolicy } from '../operations/attached-policies.ts';
import { deleteRolePolicy, putRolePolicy } from '../operations/role-policies.ts';
import { createRole, deleteRole, getRole, updateAssumeRolePolicy, updateRole } from '../operations/roles.ts';
import type { IamStore } from '../store.ts';

interface RoleProps {
  RoleName?: string;
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  ManagedPolicyArns?: string[];
  MaxSessionDuration?: number | string;
  Path?: string;
  PermissionsBoundary?: string;
  Policies?: { PolicyName: string; PolicyDocument: unknown }[];
  Tags?: { Key: string; Value: string }[];
}

/**
 * AWS::IAM::Role. Ref is the role name (`<Stack>-<LogicalId>-<RANDOM>` up to 64 characters when the
 * template names none); attributes Arn and RoleId. A new RoleName or Path replaces the role.
 */
export function roleProvider(store: IamStore, now: () => number): ResourceProvider<RoleProps> {
  const call = (ctx: ResourceContext, operation: string) => requestContext(ctx, 'iam', operation);
  const attributes = (name: string, ctx: ResourceContext) => {
    const { Role } = getRole(store, { RoleName: name }, call(ctx, 'GetRole'));
    return { Arn: Role.Arn, RoleId: Role.RoleId };
  };
  const document = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

  /** Brings the role's inline and managed policies from `previous` to `props`. */
  const syncPolicies = (name: string, props: RoleProps, previous: RoleProps, ctx: ResourceContext) => {
    const wanted = new Map((props.Policies ?? []).map((p) => [p.PolicyName, document(p.PolicyDocument)]));
    for (const old of previous.Policies ?? []) {
      if (!wanted.has(old.PolicyName)) {
        ignoreMissing(() =>
          deleteRolePolicy(
            store,
            { RoleName: name, PolicyName: old.PolicyName },
            call(ctx, 'DeleteRolePolicy'),
          ),
        );
      }
    }
    for (const [policyName, policyDocument] of wanted) {
      putRolePolicy(
        store,
        { RoleName: name, PolicyName: policyName, PolicyDocument: policyDocument },
        call(ctx, 'PutRolePolicy'),
      );
    }
    const arns = new Set(props.ManagedPolicyArns ?? []);
    for (const arn of previous.ManagedPolicyArns ?? []) {
      if (!arns.has(arn))
        ignoreMissing(() =>
          detachRolePolicy(store, { RoleName: name, PolicyArn: arn }, call(ctx, 'DetachRolePolicy')),
        );
    }
    for (const arn of arns)
      attachRolePolicy(store, { RoleName: name, PolicyArn: arn }, call(ctx, 'AttachRolePolicy'));
  };

  return {
    replaceOn: ['RoleName', 'Path'],
    async create(props, ctx) {
      const name = props.RoleName ?? generatePhysicalName(ctx, 64);
      createRole(
        store,
        {
          RoleName: name,
          Path: props.Path,
          AssumeRolePolicyDocument: document(props.AssumeRolePolicyDocument),
          Description: props.Description,
          MaxSessionDuration:
            props.MaxSessionDuration === undefined ? undefined : Number(props.MaxSessionDuration),
          PermissionsBoundary: props.PermissionsBoundary,
          Tags: props.Tags,
        },
        call(ctx, 'CreateRole'),
        now(),
      );
      try {
        syncPolicies(name, props, {} as RoleProps, ctx);
      } catch (error) {
        // A half-made role would outlive the failed resource: take it down again.
        await this.delete(name, props, ctx);
        throw error;
      }
      return { physicalId: name, attributes: attributes(name, ctx) };
    },
    async update(physicalId, props, previous, ctx) {
      updateAssumeRolePolicy(
        store,
        { RoleName: physicalId, PolicyDocument: document(props.AssumeRolePolicyDocument) },
        call(ctx, 'UpdateAssumeRolePolicy'),
      );
      updateRole(
        store,
        {
          RoleName: physicalId,
          Description: props.Description ?? '',
          MaxSessionDuration:
            props.MaxSessionDuration === undefined ? 3600 : Number(props.MaxSessionDuration),
        },
        call(ctx, 'UpdateRole'),
      );
      syncPolicies(physicalId, props, previous, ctx);
      return { physicalId, attributes: attributes(physicalId, ctx) };
    },
    async delete(physicalId, props, ctx) {
      // CloudFormation removes the policies the template gave the role, then the role itself.
      for (const policy of props.Policies ?? []) {
        ignoreMissing(() =>
          deleteRolePolicy(
            store,
            { RoleName: physicalId, PolicyName: policy.PolicyName },
            call(ctx, 'DeleteRolePolicy'),
          ),
        );
      }
      for (const arn of props.ManagedPolicyArns ?? []) {
        ignoreMissing(() =>
          detachRolePolicy(store, { RoleName: physicalId, PolicyArn: arn }, call(ctx, 'DetachRolePolicy')),
        );
      }
      ignoreMissing(() => deleteRole(store, { RoleName: physicalId }, call(ctx, 'DeleteRole')));
    },
  };
}

/** Runs an IAM call whose NoSuchEntity means the work is already done. */
export function ignoreMissing(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!isAwsError(error) || error.code !== 'NoSuchEntity') throw error;
  }
}
