import type {
  DescribeStackResourceInput,
  DescribeStackResourceOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { resourceDetailShape } from '../describe.ts';
import { CloudFormationErrors } from '../errors.ts';
import { requireStack, type StackApi } from './api.ts';

export function describeStackResource(
  api: StackApi,
  input: DescribeStackResourceInput,
  ctx: RequestContext,
): DescribeStackResourceOutput {
  const stack = requireStack(api, ctx, input.StackName);
  const resource = api.store.getResource(stack.stackId, input.LogicalResourceId);
  if (!resource) {
    throw CloudFormationErrors.validation(
      `Resource ${input.LogicalResourceId} does not exist for stack ${input.StackName}`,
    );
  }
  return { StackResourceDetail: resourceDetailShape(stack, resource) };
}
