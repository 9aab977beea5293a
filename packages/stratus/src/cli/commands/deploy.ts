import { resolve } from 'node:path';
import type { DeployEvent, DeployedStack } from '../../deploy.ts';
import { CliError } from '../errors.ts';
import { printDeployEvent, printStack } from '../output.ts';

/** `stratus deploy`: asks the running Stratus to deploy a cloud assembly or a template, printing progress. */
export async function deployCommand(options: {
  path: string;
  endpoint: string;
  region: string;
  stackName?: string;
}): Promise<void> {
  const response = await fetch(`${options.endpoint}/_stratus/deploy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      path: resolve(options.path),
      region: options.region,
      stackName: options.stackName,
    }),
  }).catch((error: Error) => {
    throw new CliError(
      `No Stratus is running at ${options.endpoint}`,
      `Start one with \`stratus dev\` (${error.message})`,
    );
  });
  if (!response.body) throw new CliError(`Stratus answered ${response.status} without a body`);
  let failed: string | undefined;
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (!line.trim()) continue;
      const message = JSON.parse(line) as { event?: DeployEvent; stacks?: DeployedStack[]; error?: string };
      if (message.event) printDeployEvent(message.event);
      if (message.error) failed = message.error;
      for (const stack of message.stacks ?? []) printStack(stack, options.endpoint);
    }
  }
  if (failed) throw new CliError('Deploy failed', failed);
}
