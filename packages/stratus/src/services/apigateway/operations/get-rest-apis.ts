import type { RestApi } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { page } from './paging.ts';

export function getRestApis(
  state: ApiGatewayState,
  input: { position?: string; limit?: number },
  scope: Scope,
): { items: RestApi[]; position?: string } {
  return page(state.store.listApis(scope), input);
}
