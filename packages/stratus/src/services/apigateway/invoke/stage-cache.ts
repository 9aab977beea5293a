import type { Stage } from '../shapes.ts';
import type { ApiGatewayStore, LocatedApi } from '../store.ts';

/** Entries kept before the cache starts over (invoke URLs can name any id). */
const MAX_ENTRIES = 256;

/**
 * The API and stage an invoke URL names, parsed once and then served from memory. Every write of
 * the store (through any operation, provider or transaction) moves its `writes` count, and the
 * cache starts over: a redeploy, a moved stage, an updated or deleted API are seen by the very
 * next request. (Asking SQLite for `total_changes()` instead was a statement per request.)
 */
export class StageCache {
  readonly #store: ApiGatewayStore;
  #seenWrites = -1;
  readonly #apis = new Map<string, LocatedApi | undefined>();
  readonly #stages = new Map<string, Stage | undefined>();

  constructor(store: ApiGatewayStore) {
    this.#store = store;
  }

  /** The API with this id and, when it has one of that name, its stage. */
  lookup(apiId: string, stageName: string | undefined): { located?: LocatedApi; stage?: Stage } {
    this.#checkFreshness();
    const located = this.#cached(this.#apis, apiId, () => this.#store.locateApi(apiId));
    if (!located || stageName === undefined) return { located };
    const key = `${located.api.id}/${stageName}`;
    const stage = this.#cached(this.#stages, key, () => this.#store.getStage(located.api.id, stageName));
    return { located, stage };
  }

  #cached<V>(map: Map<string, V | undefined>, key: string, read: () => V | undefined): V | undefined {
    if (map.has(key)) return map.get(key);
    const value = read();
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, value);
    return value;
  }

  #checkFreshness(): void {
    const writes = this.#store.writes;
    if (writes === this.#seenWrites) return;
    this.#seenWrites = writes;
    this.#apis.clear();
    this.#stages.clear();
  }
}
