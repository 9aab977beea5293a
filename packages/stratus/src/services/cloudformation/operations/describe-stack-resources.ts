import type {
  DescribeStackResourcesInput,
  DescribeStackResourcesOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { stackResourceShape } from '../describe.ts';
import { CloudFormationErrors } from '../errors.ts';
import type { StackRecord } from '../store.ts';
import { requireStack, type StackApi } from './api.ts';

/** A stack's resources, by stack name or by the physical id of one of them (optionally one logical id). */
export function describeStackResources(
  api: StackApi,
  input: DescribeStackResourcesInput,
  ctx: RequestContext,
): DescribeStackResourcesOutput {
  let stack: StackRecord | undefined;
  if (input.StackName) stack = requireStack(api, ctx, input.StackName);
  else if (input.PhysicalResourceId) {
    stack = api.store
      .findResourcesByPhysicalId(input.PhysicalResourceId)
      .map((resource) => api.store.getStack(resource.stackId))
      .find((s) => s && !s.deletedAt && s.accountId === ctx.accountId && s.region === ctx.region);
    if (!stack) throw CloudFormationErrors.validation(`Stack for ${input.PhysicalResourceId} does not exist`);
  } else {
    throw CloudFormationErrors.validation('Either StackName or PhysicalResourceId must be specified.');
  }
  const resources = api.store
    .listResources(stack.stackId)
    .filter((resource) => !input.LogicalResourceId || resource.logicalId === input.LogicalResourceId);
  return { StackResources: resources.map((resource) => stackResourceShape(stack, resource)) };
}
