import type { ConcurrencySlot } from './concurrency.ts';
import { type LambdaCore, scopeKey } from './core.ts';
import { LambdaErrors } from './errors.ts';
import type { AttemptResult } from './event-queue.ts';
import type { FunctionRecord } from './model.ts';
import type { InvocationResult } from './runtime/runner.ts';
import type { QueuedInvocation } from './store.ts';
import { checkInvocable } from './validation.ts';

/** AWS's request limits: 6 MB for a synchronous invocation, 1 MB for an asynchronous one. */
export const MAX_SYNC_REQUEST_BYTES = 6_291_456;
export const MAX_ASYNC_REQUEST_BYTES = 1_048_576;

/**
 * The event as JSON text (`{}` for an empty payload); InvalidRequestContentException otherwise.
 * `trusted` skips parsing it: in-process callers (API Gateway, S3) send what JSON.stringify made.
 */
export function eventText(payload: Buffer | string | undefined, trusted = false): string {
  const text = typeof payload === 'string' ? payload : (payload?.toString('utf8') ?? '');
  // What `text.trim() === ''` says, without copying the whole event to find its first character.
  if (BLANK.test(text)) return '{}';
  if (trusted) return text;
  try {
    JSON.parse(text);
  } catch (error) {
    throw LambdaErrors.invalidRequestContent(
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
  return text;
}

const BLANK = /^\s*$/;

export function checkRequestSize(
  payload: Buffer | string | undefined,
  type: 'RequestResponse' | 'Event',
): void {
  // A string's UTF-8 is at most 3 bytes per UTF-16 unit: a short one need not be measured.
  if (typeof payload === 'string' && payload.length * 3 <= MAX_ASYNC_REQUEST_BYTES) return;
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : (payload?.length ?? 0);
  if (type === 'Event' && size > MAX_ASYNC_REQUEST_BYTES) {
    throw LambdaErrors.requestTooLarge(MAX_ASYNC_REQUEST_BYTES, 'InvokeAsync');
  }
  if (size > MAX_SYNC_REQUEST_BYTES)
    throw LambdaErrors.requestTooLarge(MAX_SYNC_REQUEST_BYTES, 'InvokeFunction');
}

export interface SyncOptions {
  readonly requestId: string;
  readonly clientContext?: unknown;
  readonly tail?: boolean;
}

/** Runs a synchronous invocation, or throws TooManyRequestsException when no concurrency is left. */
export async function invokeSync(
  core: LambdaCore,
  fn: FunctionRecord,
  event: string,
  options: SyncOptions,
): Promise<InvocationResult> {
  checkInvocable(fn);
  const slot = acquireSlot(core, fn);
  if (!slot) throw LambdaErrors.throttled(throttleReason(fn));
  try {
    return await core.runtime.invoke({ fn, event, ...options });
  } finally {
    core.concurrency.release(slot);
  }
}

/** Queues an Event invocation: it runs in the background and is retried as AWS retries it. */
export function invokeAsync(core: LambdaCore, fn: FunctionRecord, event: string, requestId: string): void {
  checkInvocable(fn);
  core.queue.enqueue({
    id: requestId,
    accountId: fn.accountId,
    region: fn.region,
    functionName: fn.name,
    payload: Buffer.from(event),
  });
}

/** One attempt of a queued invocation (the function is read again: it may have changed or gone). */
export async function attemptQueued(core: LambdaCore, queued: QueuedInvocation): Promise<AttemptResult> {
  const fn = core.store.get(queued.accountId, queued.region, queued.functionName);
  if (!fn) return 'gone';
  const slot = acquireSlot(core, fn);
  if (!slot) return 'throttled';
  try {
    const result = await core.runtime.invoke({
      fn,
      event: queued.payload.toString('utf8'),
      requestId: queued.id,
    });
    return result.functionError ? 'failed' : 'success';
  } finally {
    core.concurrency.release(slot);
  }
}

/**
 * A unit of the function's and the account's concurrency, or undefined when none is left (the caller
 * releases it when the invocation ends). Not a wrapper around the invocation: each would be one more
 * promise per call on the API → Lambda path.
 */
function acquireSlot(core: LambdaCore, fn: FunctionRecord): ConcurrencySlot | undefined {
  const slot = { functionKey: fn.arn, scopeKey: scopeKey(fn), reserved: fn.reservedConcurrency };
  const totalReserved = core.store.totalReserved(fn.accountId, fn.region);
  return core.concurrency.tryAcquire(slot, totalReserved) ? undefined : slot;
}

function throttleReason(fn: FunctionRecord) {
  return fn.reservedConcurrency !== undefined
    ? ('ReservedFunctionConcurrentInvocationLimitExceeded' as const)
    : ('ConcurrentInvocationLimitExceeded' as const);
}
