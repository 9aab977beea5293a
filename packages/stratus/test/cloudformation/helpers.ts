import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { StackEngine } from '../../src/cloudformation/engine.ts';
import type { ResourceProvider } from '../../src/cloudformation/provider.ts';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';

/** A trust policy Lambda could assume. */
export const lambdaTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export function parameter(value: unknown, extra: Record<string, unknown> = {}) {
  return { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: value, ...extra } };
}

export function role(extra: Record<string, unknown> = {}) {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: lambdaTrust, ...extra } };
}

export function cloudFormation(stratus: Stratus, region = 'us-east-1'): CloudFormationClient {
  return new CloudFormationClient(clientConfig(stratus, region));
}

/** The stack as DescribeStacks shows it, read through the SDK. */
export async function describeStack(
  stratus: Stratus,
  stackName: string,
  region = 'us-east-1',
): Promise<Stack> {
  const { Stacks } = await cloudFormation(stratus, region).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  return Stacks![0];
}

/** A stack's outputs by key, read through DescribeStacks. */
export async function outputs(
  stratus: Stratus,
  stackName: string,
  region = 'us-east-1',
): Promise<Record<string, string>> {
  const stack = await describeStack(stratus, stackName, region);
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

/** Runs `work`, which must throw an AWS error; returns it. */
export async function awsError(
  work: () => unknown,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await work();
  } catch (error: any) {
    return {
      name: error.name ?? error.code,
      message: error.message,
      status: error.$metadata?.httpStatusCode ?? error.status,
    };
  }
  throw new Error('expected an error');
}

/**
 * An engine over the instance's stack store whose providers are the instance's plus `extra`:
 * for exercising engine behaviour with resource types made for the test.
 */
export function engineWith(stratus: Stratus, extra: Record<string, ResourceProvider>): StackEngine {
  const { cloudformation, ssm } = stratus;
  return new StackEngine({
    store: cloudformation.store,
    clock: stratus.clock,
    logger: stratus.logger,
    accountId: stratus.accountId,
    provider: (type) => extra[type] ?? cloudformation.deps.providers().get(type),
    ssm: (region) => (name) => ssm.parameterValue(stratus.accountId, region, name),
  });
}
