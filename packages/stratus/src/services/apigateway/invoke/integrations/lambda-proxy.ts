import type {
  LambdaInvokeRequest,
  LambdaInvokeResult,
  LambdaInvoker,
} from '../../../../integration/lambda.ts';
import type { Logger } from '../../../../logger.ts';
import { isAwsError } from '../../../../protocol/errors.ts';
import { type HttpResponse, header } from '../../../../protocol/http.ts';
import { DEFAULT_INTEGRATION_TIMEOUT_MS } from '../../operations/put-integration.ts';
import { GatewayError, GatewayErrors } from '../gateway-errors.ts';
import type { RoutedInvocation } from '../invocation.ts';
import { isBinaryMediaType } from '../media-types.ts';
import type { Deadlines } from './deadlines.ts';
import { buildProxyEvent } from './proxy-event.ts';
import { parseProxyResponse } from './proxy-response.ts';
import { substituteStageVariables } from './stage-variables.ts';

export interface LambdaProxyDeps {
  readonly lambda: LambdaInvoker;
  readonly logger: Logger;
  /** The invoker's integration timeouts. */
  readonly deadlines: Deadlines;
}

const FUNCTION_IN_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/**
 * AWS_PROXY to Lambda: invokes the function with the version 1.0 proxy event, as
 * `apigateway.amazonaws.com` from the method's execute-api ARN, and maps its answer.
 * Lambda refusing the call (permission, throttling, no such function) is a 500; the function
 * failing or answering badly is a 502; no answer within the integration timeout is a 504.
 */
export async function invokeLambdaProxy(inv: RoutedInvocation, deps: LambdaProxyDeps): Promise<HttpResponse> {
  const integration = inv.route.method.methodIntegration!;
  const { uri, functionArn, region } = integrationTarget(integration, inv.stage.variables);
  if (!functionArn) {
    deps.logger.error(`API Gateway ${inv.located.api.id}: integration URI ${uri} names no Lambda function`);
    throw GatewayErrors.internal(500);
  }
  const payload = JSON.stringify(buildProxyEvent(inv));
  const timeoutMs = integration.timeoutInMillis ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
  const call = invoke(deps, {
    region: region ?? inv.located.region,
    functionName: functionArn,
    payload,
    invocationType: 'RequestResponse',
    principal: 'apigateway.amazonaws.com',
    sourceArn: executeApiArn(inv),
    sourceAccount: inv.located.accountId,
  });
  let result: LambdaInvokeResult;
  try {
    result = await deps.deadlines.race(call, timeoutMs, () => {
      deps.logger.warn(
        `API Gateway ${inv.located.api.id}: ${functionArn} did not answer within ${timeoutMs} ms`,
      );
      return GatewayErrors.integrationTimeout();
    });
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw refused(error, functionArn, inv, deps.logger);
  }
  return mapResult(result, functionArn, inv, deps.logger);
}

interface IntegrationTarget {
  readonly variables: Record<string, string> | undefined;
  readonly uri: string;
  readonly functionArn: string | undefined;
  readonly region: string | undefined;
}

/**
 * The function an integration's URI names with the stage's variables in it, kept with the (immutable, deployed)
 * integration for as long as the stage's variables are the same object.
 */
const targets = new WeakMap<object, IntegrationTarget>();

function integrationTarget(
  integration: { readonly uri?: string },
  variables: Record<string, string> | undefined,
): IntegrationTarget {
  const known = targets.get(integration);
  if (known && known.variables === variables) return known;
  const uri = substituteStageVariables(integration.uri ?? '', variables);
  const functionArn = FUNCTION_IN_URI.exec(uri)?.[1];
  const region = functionArn ? /^arn:[^:]+:lambda:([^:]+):/.exec(functionArn)?.[1] : undefined;
  const target = { variables, uri, functionArn, region };
  targets.set(integration, target);
  return target;
}

/** `arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{resource path}`, as permissions name it. */
export function executeApiArn(inv: RoutedInvocation): string {
  const { located, stage, request, route } = inv;
  return (
    `arn:aws:execute-api:${located.region}:${located.accountId}:${located.api.id}/` +
    `${stage.stageName}/${request.method}${route.resource.path}`
  );
}

function mapResult(result: LambdaInvokeResult, functionArn: string, inv: RoutedInvocation, logger: Logger) {
  if (result.functionError) {
    logger.warn(
      `API Gateway ${inv.located.api.id}: ${functionArn} failed (${result.functionError}): ${result.payload.slice(0, 500)}`,
    );
    throw GatewayErrors.internal(502);
  }
  const accept = header(inv.request, 'accept');
  const parsed = parseProxyResponse(
    result.payload,
    isBinaryMediaType(accept, inv.deployment.binaryMediaTypes),
  );
  if (!parsed.ok) {
    logger.warn(
      `API Gateway ${inv.located.api.id}: Execution failed due to configuration error: Malformed Lambda proxy response (${parsed.reason})`,
    );
    throw GatewayErrors.internal(502);
  }
  return parsed.response;
}

function refused(error: unknown, functionArn: string, inv: RoutedInvocation, logger: Logger) {
  const reason = isAwsError(error) ? `${error.code}: ${error.message}` : String(error);
  if (isAwsError(error) && error.code === 'AccessDeniedException') {
    logger.warn(
      `API Gateway ${inv.located.api.id}: Execution failed due to configuration error: Invalid permissions on Lambda function ${functionArn} (${reason})`,
    );
  } else if (isAwsError(error)) {
    logger.warn(`API Gateway ${inv.located.api.id}: Lambda refused to invoke ${functionArn}: ${reason}`);
  } else {
    logger.error(`API Gateway ${inv.located.api.id}: invoking ${functionArn} failed`, error);
  }
  return GatewayErrors.internal(500);
}

/** The invoke as a promise, whatever the invoker throws (a synchronous throw becomes a rejection). */
function invoke(deps: LambdaProxyDeps, request: LambdaInvokeRequest): Promise<LambdaInvokeResult> {
  try {
    return deps.lambda.invoke(request);
  } catch (error) {
    return Promise.reject(error);
  }
}
