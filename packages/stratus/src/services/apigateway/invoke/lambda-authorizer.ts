import type { Clock } from '../../../clock/clock.ts';
import { evaluate } from '../../../iam/policy/evaluate.ts';
import type { PolicyDocument } from '../../../iam/policy/types.ts';
import { rootPrincipal } from '../../../iam/principal.ts';
import type { LambdaInvoker } from '../../../integration/lambda.ts';
import type { Logger } from '../../../logger.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { Authorizer } from '../shapes.ts';
import type { AuthorizerCache, AuthorizerResult } from './authorizer-cache.ts';
import { authorizerEvent } from './authorizer-event.ts';
import { GatewayErrors } from './gateway-errors.ts';
import { identityValues } from './identity-source.ts';
import { substituteStageVariables } from './integrations/stage-variables.ts';
import type { RoutedInvocation } from './invocation.ts';
import { methodArn } from './method-arn.ts';
import { INVOKE_ACTION, invokeContext } from './resource-policy.ts';

export interface LambdaAuthorizerDeps {
  readonly lambda: LambdaInvoker;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly cache: AuthorizerCache;
}

const FUNCTION_IN_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/**
 * A TOKEN or REQUEST Lambda authorizer: reads the identity source (401 without calling the
 * function when it is missing or fails the validation expression), asks the function (or the
 * cache), evaluates the returned policy on the method ARN and hands principalId and context on.
 */
export async function lambdaAuthorize(
  inv: RoutedInvocation,
  authorizer: Authorizer,
  deps: LambdaAuthorizerDeps,
): Promise<void> {
  const values = authorizer.identitySource ? identityValues(inv, authorizer.identitySource) : [];
  if (values.some((v) => v === undefined)) throw GatewayErrors.unauthorized();
  const token = authorizer.type === 'TOKEN' ? values[0] : undefined;
  if (token === undefined && authorizer.type === 'TOKEN') throw GatewayErrors.unauthorized();
  if (token !== undefined && authorizer.identityValidationExpression) {
    if (!new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token)) {
      throw GatewayErrors.unauthorized();
    }
  }
  const arn = methodArn(inv);
  const ttl = authorizer.authorizerResultTtlInSeconds ?? 0;
  const cacheKey =
    ttl > 0 && values.length ? `${inv.located.api.id}/${authorizer.id}/${JSON.stringify(values)}` : '';
  let result = cacheKey ? deps.cache.get(cacheKey) : undefined;
  let latency = 0;
  if (!result) {
    const started = Date.now();
    result = await callAuthorizer(inv, authorizer, authorizerEvent(inv, authorizer, arn, token), deps);
    latency = Date.now() - started;
    if (cacheKey) deps.cache.set(cacheKey, result, ttl);
  }
  const decision = evaluatePolicy(result.policy, arn, inv, deps);
  if (decision.effect !== 'Allow') throw GatewayErrors.authorizerDenied(decision.reason === 'explicit');
  inv.auth.authorizer = {
    ...stringValues(result.context),
    principalId: result.principalId,
    integrationLatency: latency,
  };
  inv.auth.usageIdentifierKey = result.usageIdentifierKey;
}

/** The returned policy, evaluated as the caller's identity policy on the method ARN. */
function evaluatePolicy(
  policy: PolicyDocument,
  arn: string,
  inv: RoutedInvocation,
  deps: LambdaAuthorizerDeps,
) {
  try {
    return evaluate({
      principal: rootPrincipal(inv.located.accountId),
      request: { action: INVOKE_ACTION, resource: arn },
      identityPolicies: [policy],
      globalContext: invokeContext(inv, deps.clock.now()),
    });
  } catch (error) {
    deps.logger.warn(
      `API Gateway ${inv.located.api.id}: the authorizer's policy document is invalid: ${error}`,
    );
    throw GatewayErrors.authorizerFailure();
  }
}

async function callAuthorizer(
  inv: RoutedInvocation,
  authorizer: Authorizer,
  event: Record<string, unknown>,
  deps: LambdaAuthorizerDeps,
): Promise<AuthorizerResult> {
  const { located } = inv;
  const where = `API Gateway ${located.api.id}: authorizer ${authorizer.id}`;
  const uri = substituteStageVariables(authorizer.authorizerUri ?? '', inv.stage.variables);
  const functionArn = FUNCTION_IN_URI.exec(uri)?.[1];
  if (!functionArn) {
    deps.logger.error(`${where}: authorizer URI ${uri} names no Lambda function`);
    throw GatewayErrors.authorizerFailure();
  }
  const result = await deps.lambda
    .invoke({
      region: /^arn:[^:]+:lambda:([^:]+):/.exec(functionArn)?.[1] ?? located.region,
      functionName: functionArn,
      payload: JSON.stringify(event),
      invocationType: 'RequestResponse',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `arn:aws:execute-api:${located.region}:${located.accountId}:${located.api.id}/authorizers/${authorizer.id}`,
      sourceAccount: located.accountId,
    })
    .catch((error: unknown) => {
      const reason = isAwsError(error) ? `${error.code}: ${error.message}` : String(error);
      deps.logger.warn(`${where}: Execution failed due to configuration error: ${reason}`);
      throw GatewayErrors.authorizerFailure();
    });
  const text = result.payload;
  if (result.functionError) {
    if (errorMessage(text) === 'Unauthorized') throw GatewayErrors.unauthorized();
    deps.logger.warn(`${where}: the authorizer function failed: ${text.slice(0, 500)}`);
    throw GatewayErrors.authorizerFailure();
  }
  const parsed = parseResult(text);
  if (typeof parsed === 'string') {
    deps.logger.warn(`${where}: Execution failed due to configuration error: ${parsed}`);
    throw GatewayErrors.authorizerFailure();
  }
  return parsed;
}

/** The authorizer's answer, or why API Gateway refuses it. */
function parseResult(text: string): AuthorizerResult | string {
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'Invalid JSON in response';
  }
  if (!answer || typeof answer !== 'object') return 'Invalid JSON in response';
  const policy = answer.policyDocument as PolicyDocument | undefined;
  if (!policy || typeof policy !== 'object' || !policy.Statement) {
    return 'Invalid policy document in authorizer response';
  }
  const context = (answer.context ?? {}) as Record<string, unknown>;
  if (typeof context !== 'object' || Array.isArray(context)) return 'Invalid context in authorizer response';
  for (const [key, value] of Object.entries(context)) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      return `Invalid value for context key ${key}: only strings, numbers and booleans are allowed`;
    }
  }
  return {
    principalId: answer.principalId === undefined ? '' : String(answer.principalId),
    policy,
    context: context as AuthorizerResult['context'],
    usageIdentifierKey: typeof answer.usageIdentifierKey === 'string' ? answer.usageIdentifierKey : undefined,
  };
}

function errorMessage(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { errorMessage?: string }).errorMessage;
  } catch {
    return undefined;
  }
}

/** REST APIs hand the authorizer's context to the integration with every value as a string (null stays null). */
function stringValues(context: AuthorizerResult['context']): Record<string, string | null> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v === null ? null : String(v)]));
}
