/**
 * REST routing and HTTP bindings: which operation a method and path name (requestUri
 * templates with `{Label}`, greedy `{Key+}` and fixed query parts like `?tagging`), and
 * which members travel in the URI, the query string, headers or the status code.
 */
import type { CompiledModel } from './compiled.ts';
import { type HttpRequest, header } from './http.ts';
import type { OperationModel, Shape, ShapeRef } from './model.ts';
import { setEntry } from './values.ts';

export interface Route {
  readonly operation: OperationModel;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
  /** Query parameters the template fixes: name → value ('' = present with any value). */
  readonly query: readonly (readonly [string, string])[];
  readonly literalSegments: number;
  readonly greedy: boolean;
  /** Headers the input requires: S3's CopyObject and PutObject share a path, the copy source tells. */
  readonly requiredHeaders: readonly string[];
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
  const requiredHeaders = (input?.required ?? [])
    .map((name) => input?.members?.[name])
    .filter((ref) => ref?.location === 'header' && ref.locationName)
    .map((ref) => ref!.locationName!.toLowerCase());
  return { operation, pattern, labels, query, literalSegments, greedy, requiredHeaders };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Routes by method, most specific first: more literal segments, more fixed query parts, no greedy label. */
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
          b.requiredHeaders.length - a.requiredHeaders.length,
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
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (!route.requiredHeaders.every((name) => req.headers[name] !== undefined)) continue;
    if (!route.query.every(([name, value]) => query.has(name) && (value === '' || query.get(name) === value)))
      continue;
    const labels: Record<string, string> = {};
    for (let i = 0; i < route.labels.length; i++) labels[route.labels[i]] = safeDecode(match[i + 1]);
    return { operation: route.operation, labels };
  }
  return undefined;
}

/** Whether any operation of the service lives at this path, with whatever method. */
export function pathIsKnown(c: CompiledModel, path: string): boolean {
  for (const routes of routeTable(c).values()) if (routes.some((r) => r.pattern.test(path))) return true;
  return false;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A header or query string value as text, undefined when absent. */
export type ScalarReader = (
  ref: ShapeRef,
  shape: Shape,
  text: string,
  where: 'header' | 'querystring',
) => unknown;

/** The members bound to the URI, query string and headers. */
export function readBindings(
  c: CompiledModel,
  shape: Shape,
  req: HttpRequest,
  labels: Record<string, string>,
  readScalar: ScalarReader,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const claimed = new Set<string>();
  for (const ref of Object.values(shape.members ?? {})) {
    if (ref.location === 'querystring' && ref.locationName) claimed.add(ref.locationName);
  }
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    const target = c.resolve(ref);
    switch (ref.location) {
      case 'uri':
        if (labels[wire] !== undefined) input[name] = readScalar(ref, target, labels[wire], 'querystring');
        break;
      case 'querystring':
        if (target.type === 'map') {
          const map: Record<string, unknown> = {};
          const valueShape = c.resolve(target.value!);
          for (const key of new Set(req.query.keys())) {
            if (claimed.has(key)) continue;
            setEntry(map, key, valueShape.type === 'list' ? req.query.getAll(key) : req.query.get(key));
          }
          if (Object.keys(map).length > 0) input[name] = map;
        } else if (target.type === 'list') {
          const values = req.query.getAll(wire);
          if (values.length > 0)
            input[name] = values.map((v) =>
              readScalar(target.member!, c.resolve(target.member!), v, 'querystring'),
            );
        } else if (req.query.has(wire)) {
          input[name] = readScalar(ref, target, req.query.get(wire)!, 'querystring');
        }
        break;
      case 'header': {
        const value = header(req, wire.toLowerCase());
        if (value === undefined) break;
        if (target.type === 'list') {
          const member = target.member!;
          input[name] = splitHeaderList(value).map((v) => readScalar(member, c.resolve(member), v, 'header'));
        } else {
          input[name] = readScalar(ref, target, value, 'header');
        }
        break;
      }
      case 'headers': {
        const prefix = wire.toLowerCase();
        const map: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (key.startsWith(prefix) && value !== undefined) {
            setEntry(map, key.slice(prefix.length), Array.isArray(value) ? value.join(',') : value);
          }
        }
        if (Object.keys(map).length > 0) input[name] = map;
        break;
      }
    }
  }
  return input;
}

function splitHeaderList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Header and status members of an output; `format` writes one scalar as header text. */
export function writeBindings(
  c: CompiledModel,
  shape: Shape,
  output: Record<string, unknown>,
  format: (ref: ShapeRef, shape: Shape, value: unknown) => string,
): { status?: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = output[name];
    if (value === undefined || value === null || !ref.location) continue;
    const target = c.resolve(ref);
    const wire = ref.locationName ?? name;
    if (ref.location === 'statusCode') {
      status = Number(value);
    } else if (ref.location === 'header') {
      headers[wire] =
        target.type === 'list'
          ? (value as unknown[]).map((v) => format(target.member!, c.resolve(target.member!), v)).join(', ')
          : format(ref, target, value);
    } else if (ref.location === 'headers') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== undefined && item !== null) headers[`${wire}${key}`] = String(item);
      }
    }
  }
  return { status, headers };
}
