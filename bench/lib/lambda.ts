import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { median, percentile } from './stats.ts';

export interface LambdaTarget {
  /** Where the Lambda Invoke API answers. */
  readonly endpoint: string;
  /** Functions never invoked before: each one's first invoke is a cold start. */
  readonly coldFunctions: readonly string[];
}

export interface LambdaResult {
  /** Median time to the first response of a fresh function, as the client sees it. */
  readonly coldMs: number;
  /** Median of the REPORT lines' Init Duration, where the target writes one. */
  readonly initMs: number | undefined;
  readonly warmP50Ms: number;
  readonly warmP99Ms: number;
  readonly warmInvokes: number;
}

const WARM_UP_INVOKES = 20;

/**
 * Cold start: one Invoke (LogType Tail) of each fresh function, timed from send to response.
 * Warm: sequential Invokes of a function whose environment is already up.
 */
export async function measureLambda(
  target: LambdaTarget,
  expectedBody: string,
  warmInvokes: number,
): Promise<LambdaResult> {
  const client = new LambdaClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    const invoke = async (functionName: string, tail: boolean) => {
      const started = performance.now();
      const output = await client.send(
        new InvokeCommand({ FunctionName: functionName, Payload: '{}', LogType: tail ? 'Tail' : undefined }),
      );
      const ms = performance.now() - started;
      const payload = JSON.parse(new TextDecoder().decode(output.Payload)) as { body?: string };
      if (output.FunctionError || payload.body !== expectedBody) {
        throw new Error(`${functionName} answered ${output.FunctionError ?? ''} ${JSON.stringify(payload)}`);
      }
      const log = output.LogResult ? Buffer.from(output.LogResult, 'base64').toString('utf8') : '';
      const init = /Init Duration: ([\d.]+) ms/.exec(log);
      return { ms, initMs: init ? Number(init[1]) : undefined };
    };

    const cold: number[] = [];
    const inits: number[] = [];
    for (const name of target.coldFunctions) {
      const result = await invoke(name, true);
      cold.push(result.ms);
      if (result.initMs !== undefined) inits.push(result.initMs);
    }

    const warmFunction = target.coldFunctions[0];
    for (let i = 0; i < WARM_UP_INVOKES; i++) await invoke(warmFunction, false);
    const warm: number[] = [];
    for (let i = 0; i < warmInvokes; i++) warm.push((await invoke(warmFunction, false)).ms);

    return {
      coldMs: median(cold),
      initMs: inits.length > 0 ? median(inits) : undefined,
      warmP50Ms: percentile(warm, 50),
      warmP99Ms: percentile(warm, 99),
      warmInvokes,
    };
  } finally {
    client.destroy();
  }
}
