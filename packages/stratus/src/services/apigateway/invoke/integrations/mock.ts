import type { Logger } from '../../../../logger.ts';
import { type HttpResponse, header } from '../../../../protocol/http.ts';
import type { IntegrationResponse, StringMap } from '../../shapes.ts';
import { GatewayErrors } from '../gateway-errors.ts';
import type { RoutedInvocation } from '../invocation.ts';
import { renderTemplate } from '../vtl/index.ts';
import { mapResponseParameters } from './response-parameters.ts';

/**
 * MOCK: the request template names a status code (`{"statusCode": 200}`; CDK's CORS
 * preflight writes the unquoted `{ statusCode: 200 }`), which selects an integration response
 * by its selection pattern, else the default one. Its header mappings and the response template
 * for the client's Accept type (else application/json) make the answer; templates are rendered
 * as Velocity (the subset in ../vtl), including `$context.responseOverride`.
 */
export function invokeMock(inv: RoutedInvocation, logger: Logger): HttpResponse {
  const integration = inv.route.method.methodIntegration!;
  const body = inv.request.body.toString('utf8');
  const template = requestTemplate(integration.requestTemplates, header(inv.request, 'content-type'));
  const request = template === undefined ? body : render(template, inv, body, logger).output;
  const statusCode = parseStatusCode(request);
  if (statusCode === undefined) {
    logger.warn(
      `API Gateway ${inv.located.api.id}: Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.`,
    );
    throw GatewayErrors.internal(500);
  }
  const selected = selectIntegrationResponse(String(statusCode), integration.integrationResponses ?? {});
  if (!selected) {
    logger.warn(
      `API Gateway ${inv.located.api.id}: Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${statusCode}`,
    );
    throw GatewayErrors.internal(500);
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  Object.assign(headers, mapResponseParameters(selected.responseParameters, inv));
  const responseTemplate = selectResponseTemplate(selected.responseTemplates, header(inv.request, 'accept'));
  if (responseTemplate === undefined) return { status: Number(selected.statusCode), headers, body: '' };
  const rendered = render(responseTemplate, inv, '', logger);
  for (const [name, value] of Object.entries(rendered.override.header)) headers[name] = String(value);
  const status = Number(rendered.override.status ?? selected.statusCode);
  return {
    status: Number.isInteger(status) ? status : Number(selected.statusCode),
    headers,
    body: rendered.output,
  };
}

/** Renders a template, turning one Stratus cannot evaluate into a clear 500. */
function render(template: string, inv: RoutedInvocation, body: string, logger: Logger) {
  try {
    return renderTemplate(template, inv, body);
  } catch (error) {
    const message = `Stratus could not evaluate a mapping template of ${inv.request.method} ${inv.route.resource.path} (API ${inv.located.api.id}): ${(error as Error).message}`;
    logger.error(message);
    throw GatewayErrors.unsupported(message);
  }
}

/** The template for the request's Content-Type (application/json when it has none). */
function requestTemplate(templates: StringMap | undefined, contentType: string | undefined) {
  if (!templates) return undefined;
  const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  return templates[type] ?? undefined;
}

export function parseStatusCode(template: string): number | undefined {
  try {
    const parsed = JSON.parse(template) as { statusCode?: unknown };
    return Number.isInteger(parsed?.statusCode) ? (parsed.statusCode as number) : undefined;
  } catch {
    const loose = /^\s*\{[\s\S]*?["']?statusCode["']?\s*:\s*(\d+)\s*[,}]/.exec(template);
    return loose ? Number(loose[1]) : undefined;
  }
}

/** The response whose selection pattern matches the whole status code, else the one with no pattern. */
export function selectIntegrationResponse(
  selector: string,
  responses: Record<string, IntegrationResponse>,
): IntegrationResponse | undefined {
  const all = Object.values(responses);
  const byPattern = all.find((r) => r.selectionPattern && fullMatch(r.selectionPattern, selector));
  return byPattern ?? all.find((r) => !r.selectionPattern);
}

function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(value);
  } catch {
    return false;
  }
}

/** The template for the client's Accept type, else application/json's, else the first. */
function selectResponseTemplate(templates: StringMap | undefined, accept: string | undefined) {
  if (!templates || Object.keys(templates).length === 0) return undefined;
  const wanted = accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return (wanted && templates[wanted]) ?? templates['application/json'] ?? Object.values(templates)[0];
}
