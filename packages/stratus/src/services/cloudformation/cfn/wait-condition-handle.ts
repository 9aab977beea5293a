import type { ResourceProvider } from '../../../cloudformation/provider.ts';

/**
 * AWS::CloudFormation::WaitConditionHandle: a presigned URL nothing signals here (CDK emits one
 * for otherwise-empty stacks). Its Ref is that URL.
 */
export function waitConditionHandleProvider(): ResourceProvider {
  return {
    create: async (_props, ctx) => ({
      physicalId: `https://cloudformation-waitcondition-${ctx.region}.s3.amazonaws.com/${encodeURIComponent(ctx.stackId)}/${ctx.logicalId}`,
      attributes: {},
    }),
    update: async (physicalId) => ({ physicalId }),
    delete: async () => {},
  };
}
