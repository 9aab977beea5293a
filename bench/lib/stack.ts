import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type Child, StopWaiting, waitUntil } from './processes.ts';

/**
 * Waits until `stratus dev` (the child, on `endpoint`) has deployed `stackName` and returns the
 * stack's outputs; a failed synth or deploy ("stratus: …" line) or a failed stack stops the wait.
 */
export async function deployedStackOutputs(
  child: Child,
  endpoint: string,
  stackName: string,
  timeoutMs: number,
): Promise<Record<string, string>> {
  const cloudformation = new CloudFormationClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    const stack = await waitUntil(child, `stack ${stackName} to deploy`, timeoutMs, async () => {
      // `stratus dev` reports a failed synth or deploy as a "stratus: …" line and keeps serving.
      const failure = /^stratus: .*$/m.exec(child.tail(200));
      if (failure) throw new StopWaiting(`the deploy failed (${failure[0]})`);
      const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
      const status = Stacks?.[0]?.StackStatus ?? '';
      if (/FAILED|ROLLBACK/.test(status)) throw new StopWaiting(`stack ${stackName} is ${status}`);
      return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' ? Stacks?.[0] : undefined;
    });
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } finally {
    cloudformation.destroy();
  }
}
