import type { InvocationOutcome } from './environment.ts';

/** AWS's limit on a synchronous response: 6 MB and 100 bytes. */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** The payload an invocation answers with, and whether it is a function error. */
export function responseOf(
  outcome: InvocationOutcome,
  requestId: string,
  timeoutSeconds: number,
): { payload: Buffer; error: boolean } {
  switch (outcome.kind) {
    case 'success': {
      const payload = Buffer.from(outcome.payload);
      if (payload.length <= MAX_RESPONSE_BYTES) return { payload, error: false };
      return {
        payload: json({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }),
        error: true,
      };
    }
    case 'timeout':
      return {
        payload: json({
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
        }),
        error: true,
      };
    default:
      return { payload: json(outcome.error), error: true };
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
