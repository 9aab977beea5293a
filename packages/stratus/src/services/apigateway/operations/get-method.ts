import type { Method } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { type MethodRef, requireMethod } from './lookup.ts';

export function getMethod(state: ApiGatewayState, input: MethodRef, scope: Scope): Method {
  return requireMethod(state, scope, input).method;
}
