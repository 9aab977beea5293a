/**
 * REST routing: which operation a method and path name, from requestUri templates with
 * `{Label}`, greedy `{Key+}` and fixed query parts like `?tagging`. Which members travel in
 * the URI, query string and headers is member-bindings.ts.
 */
import type { CompiledModel } from './compiled.ts';
import { type HttpRequest, safeDecode } from './http.ts';
import type { OperationModel } from './model.ts';

export interface Route {
  readonly operation: OperationModel;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
  /** Query parameters the template fixes: name → value ('' = present with any value). */
  readonly query: readonly (readonly [string, string])[];
  readonly literalSegments: number;
  readonly greedy: boolean;
  /**
   * Headers and query parameters the input requires. Operations sharing a path are told apart
   * by them: S3's CopyObject has a copy source header, UploadPart a partNumber and uploadId.
   */
  readonly requiredHeaders: readonly string[];
  readonly requiredQuery: readonly string[];
  readonly deprecated: boolean;
}

export interface RouteMatch {
  readonly operation: OperationModel;
  readonly labels: Record<string, string>;
}

function compileRoute(c: CompiledModel, operation: OperationModel): Route {
  const uri = operation.http.requestUri;
  const queryAt = uri.indexOf('?');
  const path = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const query = queryAt === -1 ? [] : [...new URLSearchParams(uri.slice(queryAt + 1)).entries()];
  const labels: string[] = [];
  let greedy = false;
  let literalSegments = 0;
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const source = trimmed
    .split('/')
    .map((segment) => {
      if (!segment.includes('{')) {
        if (segment) literalSegments++;
        return escapeRegex(segment);
      }
      return segment.replace(/\{([^}]+?)(\+?)\}|[^{]+/g, (part, label: string | undefined, plus: string) => {
        if (label === undefined) return escapeRegex(part);
        labels.push(label);
        if (plus) greedy = true;
        return plus ? '(.+)' : '([^/]+)';
      });
    })
    .join('/');
  const pattern = new RegExp(`^${source === '' ? '/' : source}${trimmed === '/' ? '' : '/?'}$`);
  const input = operation.input ? c.shape(operation.input.shape) : undefined;
  const required = (input?.required ?? []).map((name) => input?.members?.[name]);
  const named = (location: string) =>
    required.filter((ref) => ref?.location === location && ref.locationName).map((ref) => ref!.locationName!);
  const requiredHeaders = named('header').map((name) => name.toLowerCase());
  const requiredQuery = named('querystring');
  const deprecated = operation.deprecated === true;
  return {
    operation,
    pattern,
    labels,
    query,
    literalSegments,
    greedy,
    requiredHeaders,
    requiredQuery,
    deprecated,
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Routes by method, most specific first: more literal segments, more fixed query parts, no
 * greedy label, fewer labels, more required headers and parameters, not deprecated.
 */
function routeTable(c: CompiledModel): Map<string, Route[]> {
  return c.memo('routes', () => {
    const table = new Map<string, Route[]>();
    for (const operation of Object.values(c.model.operations)) {
      const route = compileRoute(c, operation);
      const method = operation.http.method.toUpperCase();
      table.set(method, [...(table.get(method) ?? []), route]);
    }
    for (const routes of table.values()) {
      routes.sort(
        (a, b) =>
          b.literalSegments - a.literalSegments ||
          b.query.length - a.query.length ||
          Number(a.greedy) - Number(b.greedy) ||
          a.labels.length - b.labels.length ||
          b.requiredHeaders.length +
            b.requiredQuery.length -
            a.requiredHeaders.length -
            a.requiredQuery.length ||
          Number(a.deprecated) - Number(b.deprecated),
      );
    }
    return table;
  });
}

/** Finds the operation for a REST request; `path` is the raw (percent-encoded) path. */
export function matchRoute(c: CompiledModel, req: HttpRequest, path: string): RouteMatch | undefined {
  const routes = routeTable(c).get(req.method.toUpperCase());
  if (!routes) return undefined;
  const { query } = req;
  // The first route whose path and fixed query match, should none have its required members
  // either: its input then fails validation with AWS's "must not be null", not a 404.
  let fallback: RouteMatch | undefined;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (!route.query.every(([name, value]) => query.has(name) && (value === '' || query.get(name) === value)))
      continue;
    const labels: Record<string, string> = {};
    for (let i = 0; i < route.labels.length; i++) labels[route.labels[i]] = safeDecode(match[i + 1]);
    const found = { operation: route.operation, labels };
    if (
      route.requiredHeaders.every((name) => req.headers[name] !== undefined) &&
      route.requiredQuery.every((name) => query.has(name))
    )
      return found;
    fallback ??= found;
  }
  return fallback;
}

/** Whether any operation of the service lives at this path, with whatever method. */
export function pathIsKnown(c: CompiledModel, path: string): boolean {
  for (const routes of routeTable(c).values()) if (routes.some((r) => r.pattern.test(path))) return true;
  return false;
}
