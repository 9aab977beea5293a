import type { RequestContext } from '../../service.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { checkRequestSize, eventText, invokeAsync, invokeSync } from '../invocation.ts';
import { LATEST } from '../model.ts';

export interface InvokeInput {
  readonly FunctionName: string;
  readonly InvocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  readonly LogType?: 'None' | 'Tail';
  readonly ClientContext?: string;
  readonly Payload?: Uint8Array;
  readonly Qualifier?: string;
}

/** Invoke: RequestResponse answers 200 with the result, Event 202 once queued, DryRun 204. */
export async function invoke(core: LambdaCore, input: InvokeInput, ctx: RequestContext) {
  const fn = requireFunction(core, input.FunctionName, ctx, input.Qualifier);
  const type = input.InvocationType ?? 'RequestResponse';
  const payload = input.Payload === undefined ? undefined : Buffer.from(input.Payload);
  checkRequestSize(payload, type === 'Event' ? 'Event' : 'RequestResponse');
  if (type === 'DryRun') return { StatusCode: 204, Payload: Buffer.alloc(0) };
  const event = eventText(payload);
  const clientContext = parseClientContext(input.ClientContext);
  if (type === 'Event') {
    invokeAsync(core, fn, event, ctx.requestId);
    return { StatusCode: 202, Payload: Buffer.alloc(0) };
  }
  const result = await invokeSync(core, fn, event, {
    requestId: ctx.requestId,
    clientContext,
    tail: input.LogType === 'Tail',
  });
  return {
    StatusCode: 200,
    Payload: result.payload,
    FunctionError: result.functionError,
    LogResult: result.logTail,
    ExecutedVersion: LATEST,
  };
}

/** `X-Amz-Client-Context`: base64 of a JSON object (`context.clientContext` in the handler). */
function parseClientContext(header: string | undefined): unknown {
  if (header === undefined || header === '') return undefined;
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    throw LambdaErrors.invalidRequestContent('Client context must be a valid Base64-encoded JSON object.');
  }
}
