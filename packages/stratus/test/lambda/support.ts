import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  InvokeCommand,
  type InvokeCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig } from '../support/stratus.ts';

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

/** A deployment package built in memory: file name → source. */
export function zip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, source]) => [name, strToU8(source)])));
}

/** Creates a function whose `index.js` is `source` (or the given files). */
export async function createFunction(
  lambda: LambdaClient,
  name: string,
  code: string | Record<string, string>,
  options: Partial<CreateFunctionCommandInput> = {},
) {
  const files = typeof code === 'string' ? { 'index.js': code } : code;
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zip(files) },
      ...options,
    }),
  );
}

/** Invokes with a JSON event; returns the decoded payload beside the raw response. */
export async function invoke(
  lambda: LambdaClient,
  name: string,
  event: unknown = {},
  options: Partial<InvokeCommandInput> = {},
) {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), ...options }),
  );
  const text = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
  return { ...response, text, json: text ? JSON.parse(text) : undefined };
}

/** Every log line a function wrote so far, in time order. */
export async function logLines(stratus: Stratus, name: string): Promise<string[]> {
  const logs = new CloudWatchLogsClient(clientConfig(stratus));
  const result = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}` }));
  return (result.events ?? []).map((event) => event.message ?? '');
}

/** Polls until `check` passes (background work such as Event invocations); fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
