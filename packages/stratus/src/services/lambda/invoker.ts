import { randomUUID } from 'node:crypto';
import type { LambdaInvokeRequest, LambdaInvokeResult, LambdaInvoker } from '../../integration/lambda.ts';
import { type LambdaCore, requireFunction } from './core.ts';
import { LambdaErrors } from './errors.ts';
import { checkRequestSize, eventText, invokeAsync, invokeSync } from './invocation.ts';
import { type FunctionRecord, LATEST } from './model.ts';
import { allowsInvoke } from './policy.ts';

/**
 * How other services invoke functions in-process: the function's resource policy must allow
 * the calling service (and its source ARN / account), as AWS checks it.
 */
export function lambdaInvoker(core: LambdaCore, accountId: string): LambdaInvoker {
  // The store hands out the same record until the function changes, so its decisions can be kept with it.
  const decisions = new WeakMap<FunctionRecord, Map<string, boolean>>();
  const allowed = (fn: FunctionRecord, request: LambdaInvokeRequest) => {
    let known = decisions.get(fn);
    if (!known || known.size >= 64) decisions.set(fn, (known = new Map()));
    const caller = `${request.principal}\n${optional(request.sourceArn)}\n${optional(request.sourceAccount)}`;
    let decision = known.get(caller);
    if (decision === undefined) {
      decision = allowsInvoke(fn, request);
      known.set(caller, decision);
    }
    return decision;
  };
  return {
    async invoke(request: LambdaInvokeRequest): Promise<LambdaInvokeResult> {
      const fn = requireFunction(core, request.functionName, { region: request.region, accountId });
      if (!allowed(fn, request)) throw LambdaErrors.accessDenied(request.principal, fn.arn);
      if (request.invocationType === 'DryRun') return { statusCode: 204, payload: '' };
      checkRequestSize(request.payload, request.invocationType);
      const event = eventText(request.payload, true);
      const requestId = randomUUID();
      if (request.invocationType === 'Event') {
        invokeAsync(core, fn, event, requestId);
        return { statusCode: 202, payload: '', executedVersion: LATEST };
      }
      const result = await invokeSync(core, fn, event, { requestId });
      return {
        statusCode: 200,
        payload: result.payload,
        functionError: result.functionError,
        executedVersion: LATEST,
      };
    },
  };
}

/** Tells an absent value from an empty one in a cache key. */
function optional(value: string | undefined): string {
  return value === undefined ? '' : `=${value}`;
}
