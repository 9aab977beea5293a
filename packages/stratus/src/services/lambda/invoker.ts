import { randomUUID } from 'node:crypto';
import type { LambdaInvokeRequest, LambdaInvokeResult, LambdaInvoker } from '../../integration/lambda.ts';
import { type LambdaCore, requireFunction } from './core.ts';
import { LambdaErrors } from './errors.ts';
import { checkRequestSize, eventText, invokeAsync, invokeSync } from './invocation.ts';
import { LATEST } from './model.ts';
import { allowsInvoke } from './policy.ts';

/**
 * How other services invoke functions in-process: the function's resource policy must allow
 * the calling service (and its source ARN / account), as AWS checks it.
 */
export function lambdaInvoker(core: LambdaCore, accountId: string): LambdaInvoker {
  return {
    async invoke(request: LambdaInvokeRequest): Promise<LambdaInvokeResult> {
      const fn = requireFunction(core, request.functionName, { region: request.region, accountId });
      if (!allowsInvoke(fn, request)) throw LambdaErrors.accessDenied(request.principal, fn.arn);
      checkRequestSize(request.payload, request.invocationType);
      const event = eventText(request.payload);
      const requestId = randomUUID();
      if (request.invocationType === 'Event') {
        invokeAsync(core, fn, event, requestId);
        return { statusCode: 202, payload: Buffer.alloc(0), executedVersion: LATEST };
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
