import type { Account } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';

export function defaultAccount(): Account {
  return {
    throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
    features: ['UsagePlans'],
    apiKeyVersion: '4',
  };
}

/** The account-level settings of API Gateway in this region (the CloudWatch role, throttle limits). */
export function getAccount(state: ApiGatewayState, _input: unknown, scope: Scope): Account {
  return state.store.getAccount(scope) ?? defaultAccount();
}
