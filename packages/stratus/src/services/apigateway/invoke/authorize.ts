import type { Clock } from '../../../clock/clock.ts';
import type { PolicyDocument } from '../../../iam/policy/types.ts';
import { anonymousPrincipal } from '../../../iam/principal.ts';
import type { Security } from '../../../iam/security.ts';
import type { LambdaInvoker } from '../../../integration/lambda.ts';
import type { Logger } from '../../../logger.ts';
import type { AuthStore } from '../auth-store.ts';
import { AuthorizerCache } from './authorizer-cache.ts';
import { cognitoAuthorize, type UserPoolTokenVerifier } from './cognito-authorizer.ts';
import { GatewayErrors } from './gateway-errors.ts';
import { iamAuthorize } from './iam-authorizer.ts';
import type { InvokeStep, RoutedInvocation } from './invocation.ts';
import { lambdaAuthorize } from './lambda-authorizer.ts';
import { methodArn } from './method-arn.ts';
import { evaluateResourcePolicy, resourcePolicy } from './resource-policy.ts';

export interface AuthorizationDeps {
  readonly auth: AuthStore;
  readonly lambda: LambdaInvoker;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly security: Security;
  /** The Cognito user pool service's token verifier, once an instance has one. */
  readonly userPools?: () => UserPoolTokenVerifier | undefined;
}

/**
 * Method authorization, in API Gateway's order: the API's resource policy (an explicit deny
 * ends the call; for NONE and Cognito methods it must allow), then the method's authorization
 * type: AWS_IAM (SigV4 + IAM, evaluated with the resource policy), CUSTOM (a Lambda
 * authorizer, whose policy decides) or COGNITO_USER_POOLS.
 */
export function authorizationStep(deps: AuthorizationDeps): InvokeStep {
  const cache = new AuthorizerCache(deps.clock);
  return {
    name: 'authorization',
    // Synchronous for NONE and AWS_IAM methods (a promise per request showed up under load);
    // Lambda and Cognito authorizers answer with a promise.
    before(inv) {
      const type = inv.route.method.authorizationType;
      const policy = readPolicy(inv, deps.logger);
      const now = deps.clock.now();
      if (type === 'AWS_IAM') {
        iamAuthorize(inv, deps.security, policy, now);
        return undefined;
      }
      if (policy) {
        const arn = methodArn(inv);
        const decision = evaluateResourcePolicy(
          anonymousPrincipal(inv.located.accountId),
          policy,
          arn,
          inv,
          now,
        );
        if (decision.effect === 'Deny' && (decision.reason === 'explicit' || type !== 'CUSTOM')) {
          throw GatewayErrors.invokeDenied('anonymous', arn, decision.reason === 'explicit');
        }
      }
      if (type === 'NONE') return undefined;
      const authorizerId = inv.route.method.authorizerId;
      const authorizer = authorizerId
        ? inv.deployment.authorizer(authorizerId, () =>
            deps.auth.getAuthorizer(inv.located.api.id, authorizerId),
          )
        : undefined;
      const expected = type === 'COGNITO_USER_POOLS' ? ['COGNITO_USER_POOLS'] : ['TOKEN', 'REQUEST'];
      if (!authorizer || !expected.includes(authorizer.type)) {
        deps.logger.error(
          `API Gateway ${inv.located.api.id}: method ${inv.request.method} ${inv.route.resource.path} names authorizer ${inv.route.method.authorizerId}, which is not a ${expected.join(' or ')} authorizer of the API`,
        );
        throw GatewayErrors.authorizerFailure();
      }
      if (type === 'CUSTOM')
        return lambdaAuthorize(inv, authorizer, { ...deps, cache }).then(() => undefined);
      const verifier = deps.userPools?.();
      if (!verifier) {
        const message = `Stratus cannot verify Cognito user pool tokens in this instance (no Cognito user pool service), so it refuses ${inv.request.method} ${inv.route.resource.path} of API ${inv.located.api.id} rather than serve it unauthenticated.`;
        deps.logger.error(message);
        throw GatewayErrors.unsupported(message);
      }
      return cognitoAuthorize(inv, authorizer, verifier).then(() => undefined);
    },
  };
}

/** The API's resource policy; one that is not JSON fails the call, as a misconfiguration. */
function readPolicy(inv: RoutedInvocation, logger: Logger): PolicyDocument | undefined {
  try {
    return resourcePolicy(inv);
  } catch (error) {
    logger.error(
      `API Gateway ${inv.located.api.id}: its resource policy is not a valid policy document`,
      error,
    );
    throw GatewayErrors.internal(500);
  }
}
