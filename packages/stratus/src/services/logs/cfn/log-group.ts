import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import {
  type ProvisionResult,
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { RequestContext } from '../../service.ts';
import { type LogsCore, logGroupArn } from '../core.ts';
import { createLogGroup } from '../operations/create-log-group.ts';
import { deleteLogGroup } from '../operations/delete-log-group.ts';
import { deleteRetentionPolicy } from '../operations/delete-retention-policy.ts';
import { putRetentionPolicy } from '../operations/put-retention-policy.ts';

interface LogGroupProps {
  readonly LogGroupName?: string;
  readonly RetentionInDays?: number | string;
  readonly KmsKeyId?: string;
}

/** AWS::Logs::LogGroup: Ref is the name, Fn::GetAtt Arn is `arn:…:log-group:<name>:*`. */
export function logGroupProvider(core: LogsCore): ResourceProvider<LogGroupProps> {
  const result = (name: string, ctx: ResourceContext): ProvisionResult => ({
    physicalId: name,
    attributes: { Arn: `${logGroupArn(ctx, name)}:*` },
  });
  const applyRetention = (name: string, props: LogGroupProps, ctx: RequestContext) => {
    if (props.RetentionInDays === undefined) deleteRetentionPolicy(core, { logGroupName: name }, ctx);
    else
      putRetentionPolicy(core, { logGroupName: name, retentionInDays: Number(props.RetentionInDays) }, ctx);
  };
  return {
    replaceOn: ['LogGroupName'],
    async create(props, ctx) {
      const name = props.LogGroupName ?? generatePhysicalName(ctx, 512, { suffix: 'mixed' });
      const request = requestContext(ctx, 'logs', 'CreateLogGroup');
      createLogGroup(core, { logGroupName: name, kmsKeyId: props.KmsKeyId }, request);
      applyRetention(name, props, request);
      return result(name, ctx);
    },
    async update(physicalId, props, _previous, ctx) {
      applyRetention(physicalId, props, requestContext(ctx, 'logs', 'PutRetentionPolicy'));
      return result(physicalId, ctx);
    },
    async delete(physicalId, _props, ctx) {
      try {
        deleteLogGroup(core, { logGroupName: physicalId }, requestContext(ctx, 'logs', 'DeleteLogGroup'));
      } catch (error) {
        if (!(isAwsError(error) && error.code === 'ResourceNotFoundException')) throw error;
      }
    },
  };
}
