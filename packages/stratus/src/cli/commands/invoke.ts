import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CliError } from '../errors.ts';

/** `stratus invoke`: calls a function through the Lambda API, as `aws lambda invoke` would, and prints its result and log tail. */
export async function invokeCommand(options: {
  functionName: string;
  payload: string;
  endpoint: string;
  region: string;
}): Promise<void> {
  try {
    JSON.parse(options.payload);
  } catch {
    throw new CliError('The payload is not JSON', options.payload);
  }
  const client = new LambdaClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
    maxAttempts: 1,
  });
  try {
    const result = await client.send(
      new InvokeCommand({
        FunctionName: options.functionName,
        Payload: Buffer.from(options.payload),
        LogType: 'Tail',
      }),
    );
    if (result.LogResult) process.stderr.write(Buffer.from(result.LogResult, 'base64').toString('utf8'));
    console.log(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
    if (result.FunctionError) process.exitCode = 1;
  } catch (error) {
    const err = error as Error & { name: string; cause?: Error };
    if (err.name === 'TypeError' || (err as { code?: string }).code === 'ECONNREFUSED') {
      throw new CliError(`No Stratus is running at ${options.endpoint}`, 'Start one with `stratus dev`.');
    }
    throw new CliError(`Invoke failed: ${err.name}`, err.message);
  } finally {
    client.destroy();
  }
}
