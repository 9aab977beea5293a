import type { Clock } from '../../clock/clock.ts';
import type { ApiGatewayStore } from './store.ts';

/** What every operation works on: the instance's API Gateway state and its clock. */
export interface ApiGatewayState {
  readonly store: ApiGatewayStore;
  readonly clock: Clock;
}
