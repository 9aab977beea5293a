import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../clock/clock.ts';
import type { Security } from '../../../iam/security.ts';
import type { LambdaInvoker } from '../../../integration/lambda.ts';
import type { Logger } from '../../../logger.ts';
import type { HttpRequest, HttpResponse } from '../../../protocol/http.ts';
import { randomPool } from '../../../random-pool.ts';
import type { AuthStore } from '../auth-store.ts';
import { newExtendedRequestId, newTraceId } from '../ids.ts';
import type { ApiGatewayStore } from '../store.ts';
import { apiKeyStep } from './api-key.ts';
import { authorizationStep } from './authorize.ts';
import type { UserPoolTokenVerifier } from './cognito-authorizer.ts';
import { CompiledDeployment } from './compiled.ts';
import { GatewayError, GatewayErrors } from './gateway-errors.ts';
import { gatewayResponse } from './gateway-responses.ts';
import { Deadlines } from './integrations/deadlines.ts';
import { integrate } from './integrations/index.ts';
import type { LambdaProxyDeps } from './integrations/lambda-proxy.ts';
import type { Invocation, InvokeStep, RoutedInvocation, StagedInvocation } from './invocation.ts';
import { methodResponse } from './method-response.ts';
import type { ResponseCache } from './response-cache.ts';
import { responseCacheStep } from './response-cache-step.ts';
import { StageCache } from './stage-cache.ts';
import { stageThrottleStep } from './stage-throttle.ts';
import type { InvokeTarget } from './target.ts';

export interface InvokerDeps {
  readonly store: ApiGatewayStore;
  readonly auth: AuthStore;
  readonly clock: Clock;
  readonly lambda: LambdaInvoker;
  readonly logger: Logger;
  readonly security: Security;
  /** The instance's stage caches (cache clusters). */
  readonly responseCache: ResponseCache;
  readonly userPools?: () => UserPoolTokenVerifier | undefined;
}

/** How many compiled deployments an instance keeps (deployments never change, so no invalidation). */
const COMPILED_CACHE_SIZE = 64;

/**
 * Serves invoke URLs: stage → route → steps (resource policy and authorizers, then API keys with
 * their usage plan's throttle and quota, then the stage's method throttling, then the stage's
 * response cache) → integration → the response with API Gateway's headers.
 */
export class RestApiInvoker {
  readonly #deps: InvokerDeps;
  readonly #steps: readonly InvokeStep[];
  readonly #compiled = new Map<string, CompiledDeployment>();
  readonly #stages: StageCache;
  readonly #random = randomPool();
  readonly #integration: LambdaProxyDeps;

  constructor(deps: InvokerDeps) {
    this.#deps = deps;
    this.#integration = { lambda: deps.lambda, logger: deps.logger, deadlines: new Deadlines() };
    this.#stages = new StageCache(deps.store);
    this.#steps = [
      authorizationStep(deps),
      apiKeyStep(deps),
      stageThrottleStep(deps.clock),
      responseCacheStep(deps.responseCache, deps.security),
    ];
  }

  async handle(request: HttpRequest, target: InvokeTarget): Promise<HttpResponse> {
    const inv: Invocation = {
      request,
      target,
      requestId: randomUUID(),
      extendedRequestId: newExtendedRequestId(this.#random),
      traceId: newTraceId(this.#deps.clock.now(), this.#random),
    };
    let staged: StagedInvocation | undefined;
    try {
      staged = this.#stage(inv);
      return finish(inv, await this.#run(this.#route(staged)));
    } catch (error) {
      if (error instanceof GatewayError) {
        return finish(inv, gatewayResponse(error, this.#deps.store, inv, staged));
      }
      this.#deps.logger.error(
        `API Gateway: unexpected failure serving ${request.method} ${request.path}`,
        error,
      );
      return finish(inv, gatewayResponse(GatewayErrors.internal(500), this.#deps.store, inv, staged));
    }
  }

  /** Answers a body over 10 MB before anything else runs. */
  static tooLarge(error: GatewayError): HttpResponse {
    return {
      status: error.status,
      headers: { 'Content-Type': error.contentType, 'x-amzn-ErrorType': error.errorType },
      body: error.body,
    };
  }

  async #run(inv: RoutedInvocation): Promise<HttpResponse> {
    const steps = this.#steps;
    let ran = 0;
    let response: HttpResponse | undefined;
    while (ran < steps.length) {
      const step = steps[ran++]!;
      if (!step.before) continue;
      // A step that answers synchronously is not awaited (each await is a turn of the microtask queue).
      const answer = step.before(inv);
      response = answer instanceof Promise ? await answer : answer;
      if (response) break;
    }
    if (!response) {
      const integrated = integrate(inv, this.#integration);
      response = methodResponse(integrated instanceof Promise ? await integrated : integrated);
    }
    for (let i = ran - 1; i >= 0; i--) {
      const step = steps[i]!;
      if (!step.after) continue;
      const answer = step.after(inv, response);
      response = answer instanceof Promise ? await answer : answer;
    }
    return response;
  }

  #stage(inv: Invocation): StagedInvocation {
    const { located, stage } = this.#stages.lookup(inv.target.apiId, inv.target.stage || undefined);
    if (!located) throw GatewayErrors.unknownApi(inv.target.apiId);
    if (located.api.disableExecuteApiEndpoint) throw GatewayErrors.forbidden();
    if (!stage) throw GatewayErrors.forbidden();
    return { ...inv, located, stage, deployment: this.#deployment(located.api.id, stage.deploymentId) };
  }

  #route(inv: StagedInvocation): RoutedInvocation {
    const route = inv.deployment.match(inv.request.method, inv.target.rawPath);
    if (!route) throw GatewayErrors.missingAuthenticationToken();
    return { ...inv, route, auth: { identity: {} } };
  }

  #deployment(apiId: string, deploymentId: string): CompiledDeployment {
    const key = `${apiId}/${deploymentId}`;
    let compiled = this.#compiled.get(key);
    if (!compiled) {
      const snapshot = this.#deps.store.getSnapshot(apiId, deploymentId);
      if (!snapshot) throw GatewayErrors.forbidden();
      compiled = new CompiledDeployment(snapshot);
      if (this.#compiled.size >= COMPILED_CACHE_SIZE) {
        this.#compiled.delete(this.#compiled.keys().next().value!);
      }
      this.#compiled.set(key, compiled);
    }
    return compiled;
  }
}

/** The headers API Gateway puts on every answer. */
function finish(inv: Invocation, response: HttpResponse): HttpResponse {
  return {
    ...response,
    headers: {
      ...response.headers,
      'x-amzn-RequestId': inv.requestId,
      'x-amz-apigw-id': inv.extendedRequestId,
      'X-Amzn-Trace-Id': inv.traceId,
    },
  };
}
