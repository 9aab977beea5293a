import { header } from '../../../../protocol/http.ts';
import type { StringMap } from '../../shapes.ts';
import type { RoutedInvocation } from '../invocation.ts';

const PREFIX = 'method.response.header.';

/**
 * Headers from an integration response's `responseParameters`: static `'literal'` values and
 * values read from the method request (`method.request.header|querystring|path.X`), stage
 * variables and a few `context.*` values. Unknown sources map to nothing.
 */
export function mapResponseParameters(parameters: StringMap | undefined, inv: RoutedInvocation): StringMap {
  const headers: StringMap = {};
  for (const [target, source] of Object.entries(parameters ?? {})) {
    if (!target.startsWith(PREFIX)) continue;
    const value = resolve(source, inv);
    if (value !== undefined) headers[target.slice(PREFIX.length)] = value;
  }
  return headers;
}

function resolve(source: string, inv: RoutedInvocation): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const [scope, kind, ...rest] = source.split('.');
  const name = rest.join('.');
  if (scope === 'method' && kind === 'request') {
    const [where, ...key] = name.split('.');
    const field = key.join('.');
    if (where === 'header') return header(inv.request, field.toLowerCase());
    if (where === 'querystring') return inv.request.query.get(field) ?? undefined;
    if (where === 'path') return inv.route.pathParameters[field];
  }
  if (scope === 'stageVariables') return inv.stage.variables?.[[kind, ...rest].join('.')];
  if (scope === 'context') {
    const context: Record<string, string> = {
      requestId: inv.requestId,
      extendedRequestId: inv.extendedRequestId,
      stage: inv.stage.stageName,
      apiId: inv.located.api.id,
      httpMethod: inv.request.method,
      resourcePath: inv.route.resource.path,
      resourceId: inv.route.resource.id,
    };
    return context[[kind, ...rest].join('.')];
  }
  return undefined;
}
