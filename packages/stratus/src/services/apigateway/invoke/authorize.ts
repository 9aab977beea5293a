import type { Logger } from '../../../logger.ts';
import { GatewayErrors } from './gateway-errors.ts';
import type { InvokeStep } from './invocation.ts';

/**
 * Method authorization. NONE passes. Every other type (AWS_IAM, CUSTOM, COGNITO_USER_POOLS)
 * is refused with a 500 until authorizers arrive with the identity work: a protected method is
 * never served unauthenticated.
 */
export function authorizationStep(logger: Logger): InvokeStep {
  return {
    name: 'authorization',
    before(inv) {
      const type = inv.route.method.authorizationType;
      if (type === 'NONE') return undefined;
      const message = `Stratus does not enforce ${type} authorization yet (authorizers come with the identity work), so it refuses ${inv.request.method} ${inv.route.resource.path} of API ${inv.located.api.id} rather than serve it unauthenticated.`;
      logger.error(message);
      throw GatewayErrors.unsupported(message);
    },
  };
}

/**
 * API keys. A method that requires one is refused with a 500 until API keys and usage plans
 * arrive: Stratus cannot tell a valid key from an invalid one, and will not pretend to.
 */
export function apiKeyStep(logger: Logger): InvokeStep {
  return {
    name: 'api-key',
    before(inv) {
      if (!inv.route.method.apiKeyRequired) return undefined;
      const message = `Stratus does not check API keys yet (they come with usage plans), so it refuses ${inv.request.method} ${inv.route.resource.path} of API ${inv.located.api.id}, which requires one, rather than serve it without.`;
      logger.error(message);
      throw GatewayErrors.unsupported(message);
    },
  };
}
