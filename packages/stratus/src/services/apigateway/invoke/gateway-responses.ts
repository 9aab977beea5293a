import { type HttpResponse, header } from '../../../protocol/http.ts';
import type { GatewayResponse } from '../shapes.ts';
import type { ApiGatewayStore } from '../store.ts';
import type { GatewayError } from './gateway-errors.ts';
import type { Invocation, StagedInvocation } from './invocation.ts';

/**
 * The answer for a gateway error: AWS's default, or the API's customization of its response
 * type (else of DEFAULT_4XX / DEFAULT_5XX): status code, `gatewayresponse.header.*` mappings
 * (static `'values'`, `method.request.header|querystring.*`, `stageVariables.*`) and the body
 * template, where `$context.error.message|messageString|responseType`, `$context.requestId`,
 * `$context.stage`, `$context.apiId` and `$stageVariables.*` are substituted.
 */
export function gatewayResponse(
  error: GatewayError,
  store: ApiGatewayStore,
  inv: Invocation,
  staged: StagedInvocation | undefined,
): HttpResponse {
  const baseHeaders = { 'Content-Type': error.contentType, 'x-amzn-ErrorType': error.errorType };
  const base: HttpResponse = { status: error.status, headers: baseHeaders, body: error.body };
  if (!staged) return base;
  const apiId = staged.located.api.id;
  const deployed = (type: string) =>
    staged.deployment.gatewayResponse(type, () => store.getGatewayResponse(apiId, type));
  const specific = error.responseType ? deployed(error.responseType) : undefined;
  const custom = specific ?? deployed(error.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  if (!custom) return base;
  const status = specific?.statusCode ? Number(specific.statusCode) : error.status;
  const headers: Record<string, string> = { ...baseHeaders };
  for (const [target, source] of Object.entries(custom.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(target)?.[1];
    const value = name ? parameterValue(source, staged) : undefined;
    if (name && value !== undefined) headers[name] = value;
  }
  const template = pickTemplate(custom);
  if (template === undefined) return { ...base, status, headers };
  headers['Content-Type'] = 'application/json';
  return { status, headers, body: substitute(template, error, inv, staged) };
}

function pickTemplate(custom: GatewayResponse): string | undefined {
  const templates = custom.responseTemplates ?? {};
  return templates['application/json'] ?? Object.values(templates)[0];
}

function parameterValue(source: string, staged: StagedInvocation): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const [, kind, name] =
    /^(method\.request\.header|method\.request\.querystring|stageVariables)\.(.+)$/.exec(source) ?? [];
  if (kind === 'method.request.header') return header(staged.request, name!.toLowerCase());
  if (kind === 'method.request.querystring') return staged.request.query.get(name!) ?? undefined;
  if (kind === 'stageVariables') return staged.stage.variables?.[name!];
  return undefined;
}

function substitute(
  template: string,
  error: GatewayError,
  inv: Invocation,
  staged: StagedInvocation,
): string {
  const message = error.errorMessage;
  const context: Record<string, string> = {
    'error.message': message ?? '',
    'error.messageString': JSON.stringify(message),
    'error.responseType': error.responseType ?? (error.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'),
    requestId: inv.requestId,
    extendedRequestId: inv.extendedRequestId,
    stage: staged.stage.stageName,
    apiId: staged.located.api.id,
    accountId: staged.located.accountId,
  };
  return template
    .replace(/\$!?\{?context\.([A-Za-z.]+?)\}?(?![A-Za-z.])/g, (all, key: string) => context[key] ?? all)
    .replace(
      /\$!?\{?stageVariables\.([A-Za-z0-9_]+)\}?/g,
      (_, key: string) => staged.stage.variables?.[key] ?? '',
    );
}
