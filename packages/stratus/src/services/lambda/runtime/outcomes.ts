import type { InvocationOutcome } from './environment.ts';

/** AWS's limit on a synchronous response: 6 MB and 100 bytes. */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** The payload an invocation answers with (JSON text), and whether it is a function error. */
export function responseOf(
  outcome: InvocationOutcome,
  requestId: string,
  timeoutSeconds: number,
): { payload: string; error: boolean } {
  switch (outcome.kind) {
    case 'success': {
      const payload = outcome.payload;
      // A string's UTF-8 is at most 3 bytes per UTF-16 unit: a short one need not be measured.
      if (payload.length * 3 <= MAX_RESPONSE_BYTES || Buffer.byteLength(payload) <= MAX_RESPONSE_BYTES)
        return { payload, error: false };
      return {
        payload: JSON.stringify({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }),
        error: true,
      };
    }
    case 'timeout':
      return {
        payload: JSON.stringify({
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
        }),
        error: true,
      };
    default:
      return { payload: JSON.stringify(outcome.error), error: true };
  }
}
