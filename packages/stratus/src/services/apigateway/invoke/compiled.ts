import { safeDecode } from '../../../protocol/http.ts';
import type { Authorizer, DeploymentSnapshot, GatewayResponse, Method, Resource } from '../shapes.ts';

/** A node of the resource tree: literal children, at most one `{param}` and at most one `{param+}`. */
interface RouteNode {
  resource?: Resource;
  readonly literals: Map<string, RouteNode>;
  param?: { readonly name: string; readonly node: RouteNode };
  greedy?: { readonly name: string; readonly node: RouteNode };
}

export interface RouteMatch {
  readonly resource: Resource;
  readonly method: Method;
  readonly pathParameters: Record<string, string>;
}

/** Routes a deployment remembers (method and raw path; it starts over when full). */
const MATCHES_KEPT = 1024;

/** A deployment ready to route requests: its frozen resources as a tree. */
export class CompiledDeployment {
  readonly binaryMediaTypes: readonly string[];
  readonly #root: RouteNode = node();
  /** Matches by method and raw path: a deployment never changes, so neither does a request's route. */
  readonly #matches = new Map<string, RouteMatch | null>();
  /** The deployment's authorizers by id and gateway responses by type; absent in older snapshots. */
  readonly #authorizers?: ReadonlyMap<string, Authorizer>;
  readonly #gatewayResponses?: ReadonlyMap<string, GatewayResponse>;

  constructor(snapshot: DeploymentSnapshot) {
    this.binaryMediaTypes = snapshot.binaryMediaTypes;
    for (const resource of snapshot.resources) this.#insert(resource);
    this.#authorizers = snapshot.authorizers && new Map(snapshot.authorizers.map((a) => [a.id, a]));
    this.#gatewayResponses =
      snapshot.gatewayResponses && new Map(snapshot.gatewayResponses.map((r) => [r.responseType, r]));
  }

  /** The authorizer as deployed; `live` reads the API's current one for snapshots that did not freeze it. */
  authorizer(id: string, live: () => Authorizer | undefined): Authorizer | undefined {
    return this.#authorizers ? this.#authorizers.get(id) : live();
  }

  /** The customized gateway response as deployed (or, for older snapshots, the API's current one). */
  gatewayResponse(type: string, live: () => GatewayResponse | undefined): GatewayResponse | undefined {
    return this.#gatewayResponses ? this.#gatewayResponses.get(type) : live();
  }

  /**
   * The resource and method serving `httpMethod` on `rawPath`. Literal segments beat `{param}`,
   * which beats `{proxy+}`; an exact method beats ANY. Trailing slashes are ignored, as AWS does.
   */
  match(httpMethod: string, rawPath: string): RouteMatch | undefined {
    const key = `${httpMethod} ${rawPath}`;
    let match = this.#matches.get(key);
    if (match === undefined) {
      match = this.#route(httpMethod, rawPath) ?? null;
      if (this.#matches.size >= MATCHES_KEPT) this.#matches.clear();
      this.#matches.set(key, match);
    }
    return match ?? undefined;
  }

  /** The match, shared by every request to the same path: frozen, path parameters included. */
  #route(httpMethod: string, rawPath: string): RouteMatch | undefined {
    const segments = rawPath.replace(/^\/+/, '').replace(/\/+$/, '');
    const parts = segments === '' ? [] : segments.split('/');
    for (const candidate of walk(this.#root, parts, 0, {})) {
      const methods = candidate.resource.resourceMethods ?? {};
      const method = methods[httpMethod] ?? methods.ANY;
      if (method) {
        const pathParameters = Object.freeze(candidate.params);
        return Object.freeze({ resource: candidate.resource, method, pathParameters });
      }
    }
    return undefined;
  }

  #insert(resource: Resource): void {
    let current = this.#root;
    for (const part of resource.path.split('/').filter(Boolean)) {
      const variable = /^\{(.+?)(\+)?\}$/.exec(part);
      if (variable?.[2]) {
        current.greedy ??= { name: variable[1]!, node: node() };
        current = current.greedy.node;
      } else if (variable) {
        current.param ??= { name: variable[1]!, node: node() };
        current = current.param.node;
      } else {
        let child = current.literals.get(part);
        if (!child) current.literals.set(part, (child = node()));
        current = child;
      }
    }
    current.resource = resource;
  }
}

function node(): RouteNode {
  return { literals: new Map() };
}

/** Every resource matching `parts[i..]` below `at`, most specific first. */
function* walk(
  at: RouteNode,
  parts: readonly string[],
  i: number,
  params: Record<string, string>,
): Generator<{ resource: Resource; params: Record<string, string> }> {
  if (i === parts.length) {
    if (at.resource) yield { resource: at.resource, params };
    return;
  }
  const segment = parts[i]!;
  const literal = at.literals.get(safeDecode(segment));
  if (literal) yield* walk(literal, parts, i + 1, params);
  if (at.param && segment !== '') {
    yield* walk(at.param.node, parts, i + 1, { ...params, [at.param.name]: safeDecode(segment) });
  }
  if (at.greedy?.node.resource) {
    const rest = safeDecode(parts.slice(i).join('/'));
    yield { resource: at.greedy.node.resource, params: { ...params, [at.greedy.name]: rest } };
  }
}
