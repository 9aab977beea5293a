import type { RoutedInvocation } from '../invocation.ts';
import { requestContext } from '../request-context.ts';
import { forwardedHeaders, singleAndMulti } from '../request-headers.ts';
import type { Variables } from './evaluate.ts';

/** What a template may override in the response (`$context.responseOverride`). */
export interface ResponseOverride {
  header: Record<string, unknown>;
  status?: unknown;
}

/**
 * The variables API Gateway gives a mapping template: `$input` (the body and the method
 * request's parameters), `$context`, `$stageVariables` and `$util`.
 */
export function templateVariables(
  inv: RoutedInvocation,
  body: string,
): { variables: Variables; override: ResponseOverride } {
  const headers = headerMap(singleAndMulti(forwardedHeaders(inv.request, inv.traceId)).single);
  const querystring = Object.fromEntries(inv.request.query.entries());
  const path = { ...inv.route.pathParameters };
  const override: ResponseOverride = { header: {} };
  const input = {
    body,
    params(name?: unknown) {
      if (name === undefined) return { path, querystring, header: headers };
      const key = String(name);
      return path[key] ?? querystring[key] ?? headers.get(key) ?? '';
    },
    json: (expression: unknown) => JSON.stringify(jsonPath(body, String(expression)) ?? null),
    path: (expression: unknown) => jsonPath(body, String(expression)),
  };
  const context = {
    ...requestContext(inv),
    responseOverride: override,
    requestOverride: { header: {}, querystring: {}, path: {} },
  };
  const variables: Variables = new Map<string, unknown>([
    ['input', input],
    ['context', context],
    ['stageVariables', { ...inv.stage.variables }],
    ['util', util],
  ]);
  return { variables, override };
}

interface HeaderLookup {
  get(name: unknown): string | undefined;
}

/**
 * The request headers as `$input.params().header`. Its `get` ignores case: clients over HTTP/2
 * and Node's own fetch send lower-case names, and templates such as CDK's CORS one look up
 * `Origin` first and `origin` only when the first is empty.
 */
export function headerMap(headers: Record<string, string>): Record<string, string> & HeaderLookup {
  const map = { ...headers } as Record<string, string> & HeaderLookup;
  Object.defineProperty(map, 'get', {
    enumerable: false,
    value: (name: unknown) => {
      const wanted = String(name).toLowerCase();
      return (
        headers[String(name)] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1]
      );
    },
  });
  return map;
}

const util = {
  escapeJavaScript: (s: unknown) =>
    JSON.stringify(String(s ?? ''))
      .slice(1, -1)
      .replace(/'/g, "\\'"),
  parseJson: (s: unknown) => JSON.parse(String(s)),
  urlEncode: (s: unknown) => encodeURIComponent(String(s ?? '')),
  urlDecode: (s: unknown) => decodeURIComponent(String(s ?? '')),
  base64Encode: (s: unknown) => Buffer.from(String(s ?? '')).toString('base64'),
  base64Decode: (s: unknown) => Buffer.from(String(s ?? ''), 'base64').toString('utf8'),
};

/** The JSONPath subset templates use: `$`, `$.a.b`, `$.a[0]`, `$['a']`. */
function jsonPath(body: string, expression: string): unknown {
  let value: unknown;
  try {
    value = body ? JSON.parse(body) : {};
  } catch {
    return undefined;
  }
  const steps = expression.replace(/^\$/, '').match(/\.[^.[]+|\[[^\]]+\]/g) ?? [];
  for (const step of steps) {
    if (value === undefined || value === null) return undefined;
    const key = step.startsWith('.') ? step.slice(1) : step.slice(1, -1).replace(/^['"]|['"]$/g, '');
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
