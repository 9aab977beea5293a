/** Why an invocation was throttled, as TooManyRequestsException's `Reason` says it. */
export type ThrottleReason =
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'ConcurrentInvocationLimitExceeded';

/**
 * Counts executions in flight. A function with reserved concurrency may run that many at once;
 * the others share what the account limit leaves unreserved (per account and region, as AWS counts).
 */
export class ConcurrencyTracker {
  readonly accountLimit: number;
  readonly #perFunction = new Map<string, number>();
  readonly #unreservedPerScope = new Map<string, number>();

  constructor(accountLimit: number) {
    this.accountLimit = accountLimit;
  }

  /** Takes a slot or says why not; a taken slot must be given back with `release`. */
  tryAcquire(slot: ConcurrencySlot, totalReserved: number): ThrottleReason | undefined {
    const running = this.#perFunction.get(slot.functionKey) ?? 0;
    if (slot.reserved !== undefined) {
      if (running >= slot.reserved) return 'ReservedFunctionConcurrentInvocationLimitExceeded';
    } else {
      const unreserved = this.#unreservedPerScope.get(slot.scopeKey) ?? 0;
      if (unreserved >= this.accountLimit - totalReserved) return 'ConcurrentInvocationLimitExceeded';
      this.#unreservedPerScope.set(slot.scopeKey, unreserved + 1);
    }
    this.#perFunction.set(slot.functionKey, running + 1);
    return undefined;
  }

  release(slot: ConcurrencySlot): void {
    decrement(this.#perFunction, slot.functionKey);
    if (slot.reserved === undefined) decrement(this.#unreservedPerScope, slot.scopeKey);
  }

  running(functionKey: string): number {
    return this.#perFunction.get(functionKey) ?? 0;
  }
}

export interface ConcurrencySlot {
  readonly functionKey: string;
  readonly scopeKey: string;
  /** The function's reserved concurrency when the slot was taken. */
  readonly reserved?: number;
}

function decrement(map: Map<string, number>, key: string): void {
  const value = (map.get(key) ?? 1) - 1;
  if (value <= 0) map.delete(key);
  else map.set(key, value);
}
