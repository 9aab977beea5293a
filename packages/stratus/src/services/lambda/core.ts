import type { Clock } from '../../clock/clock.ts';
import type { CredentialStore } from '../../iam/credentials.ts';
import type { RequestContext } from '../service.ts';
import { functionArn, resolveRef } from './arn.ts';
import type { CodeStore } from './code.ts';
import type { ConcurrencyTracker } from './concurrency.ts';
import { LambdaErrors } from './errors.ts';
import type { EventQueue } from './event-queue.ts';
import type { FunctionRecord } from './model.ts';
import type { FunctionRuntime } from './runtime/runner.ts';
import type { FunctionStore } from './store.ts';

/** What Lambda's operations, providers and invoker share. */
export interface LambdaCore {
  readonly clock: Clock;
  readonly store: FunctionStore;
  readonly code: CodeStore;
  readonly credentials: CredentialStore;
  readonly concurrency: ConcurrencyTracker;
  readonly runtime: FunctionRuntime;
  readonly queue: EventQueue;
  /** `AWS_ENDPOINT_URL` for the functions (the edge's HTTP endpoint). */
  readonly endpoint: () => string;
}

export type Scope = Pick<RequestContext, 'region' | 'accountId'>;

/** The function a request names (name, partial ARN or ARN), or ResourceNotFoundException. */
export function requireFunction(
  core: LambdaCore,
  functionName: string,
  ctx: Scope,
  qualifier?: string,
): FunctionRecord {
  const ref = resolveRef(functionName, ctx, qualifier);
  const fn = core.store.get(ref.accountId, ref.region, ref.name);
  if (!fn)
    throw LambdaErrors.functionNotFound(functionArn(ref.region, ref.accountId, ref.name, ref.qualifier));
  return fn;
}

/** The key environments, pools and concurrency counters use for a function. */
export function functionKey(fn: Pick<FunctionRecord, 'arn'>): string {
  return fn.arn;
}

export function scopeKey(fn: Pick<FunctionRecord, 'accountId' | 'region'>): string {
  return `${fn.accountId}/${fn.region}`;
}

/** Lambda's timestamps: `2024-01-31T12:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
