import assert from 'node:assert/strict';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from './stratus.ts';

/** Creates a stack from a template through the CloudFormation API and returns its outputs by key. */
export async function createStack(
  stratus: Stratus,
  name: string,
  template: object,
): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient(clientConfig(stratus));
  try {
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template) }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    assert.equal(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE', Stacks?.[0]?.StackStatusReason);
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
  } finally {
    cfn.destroy();
  }
}
