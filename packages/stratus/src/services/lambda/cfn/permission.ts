import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import { type ResourceProvider, requestContext } from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { LambdaCore } from '../core.ts';
import { addPermission } from '../operations/add-permission.ts';
import { removePermission } from '../operations/remove-permission.ts';
import type { PermissionInput } from '../policy.ts';

/** AddPermission's statement fields (CloudFormation generates the statement id) and the function. */
export interface PermissionProps extends Omit<PermissionInput, 'StatementId'> {
  readonly FunctionName: string;
}

/**
 * AWS::Lambda::Permission: one statement in the function's policy. Ref is `<FunctionName>|<Id>`
 * (the statement id CloudFormation generates), Fn::GetAtt Id the statement id. Every property
 * change replaces it.
 */
export function permissionProvider(core: LambdaCore): ResourceProvider<PermissionProps> {
  return {
    async create(props, ctx) {
      const statementId = generatePhysicalName(ctx, 100);
      addPermission(
        core,
        {
          FunctionName: props.FunctionName,
          StatementId: statementId,
          Action: props.Action,
          Principal: props.Principal,
          SourceArn: props.SourceArn,
          SourceAccount: props.SourceAccount,
          EventSourceToken: props.EventSourceToken,
          PrincipalOrgID: props.PrincipalOrgID,
          FunctionUrlAuthType: props.FunctionUrlAuthType,
        },
        requestContext(ctx, 'lambda', 'AddPermission'),
      );
      return { physicalId: `${props.FunctionName}|${statementId}`, attributes: { Id: statementId } };
    },
    async delete(physicalId, props, ctx) {
      const statementId = physicalId.slice(physicalId.lastIndexOf('|') + 1);
      try {
        removePermission(
          core,
          { FunctionName: props.FunctionName, StatementId: statementId },
          requestContext(ctx, 'lambda', 'RemovePermission'),
        );
      } catch (error) {
        if (!(isAwsError(error) && error.code === 'ResourceNotFoundException')) throw error;
      }
    },
  };
}
