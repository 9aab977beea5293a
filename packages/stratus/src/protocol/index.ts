/**
 * The wire protocols: turn an HTTP request into an operation name and its validated input,
 * and an output or an AwsError into the HTTP response the AWS SDK expects. Services never
 * see raw HTTP. One file per protocol (json.ts, query.ts, rest-json.ts, rest-xml.ts), all
 * driven by the service's model; what they derive from it is computed once per model.
 */
import { compile } from './compiled.ts';
import type { AwsError } from './errors.ts';
import { type HttpRequest, type HttpResponse, header } from './http.ts';
import { decodeJson, encodeJson, encodeJsonError } from './json.ts';
import type { ServiceModel } from './model.ts';
import { decodeQuery, encodeQuery, encodeQueryError } from './query.ts';
import { decodeRestJson, encodeRestJson, encodeRestJsonError } from './rest-json.ts';
import { decodeRestXml, encodeRestXml, encodeRestXmlError } from './rest-xml.ts';

export interface DecodedRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface EncodeContext {
  readonly requestId: string;
  /** The request answered, where the answer depends on it (DynamoDB echoes `application/json`). */
  readonly request?: HttpRequest;
}

/** Throws AwsError for unknown operations, malformed bodies and inputs that break the model's constraints. */
export function decodeRequest(model: ServiceModel, req: HttpRequest): DecodedRequest {
  const c = compile(model);
  switch (model.metadata.protocol) {
    case 'json':
      return decodeJson(c, req);
    case 'rest-json':
      return decodeRestJson(c, req);
    case 'rest-xml':
      return decodeRestXml(c, req);
    default:
      return decodeQuery(c, req);
  }
}

export function encodeResponse(
  model: ServiceModel,
  operation: string,
  output: unknown,
  ctx: EncodeContext,
): HttpResponse {
  const c = compile(model);
  const op = c.operation(operation);
  if (!op) throw new Error(`${model.metadata.serviceId} has no operation ${operation}`);
  switch (model.metadata.protocol) {
    case 'json':
      return encodeJson(c, op, output, ctx);
    case 'rest-json':
      return encodeRestJson(c, op, output, ctx);
    case 'rest-xml':
      return encodeRestXml(c, op, output, ctx);
    default:
      return encodeQuery(c, op, output, ctx);
  }
}

/** `model` undefined: the service is unknown; the error is shaped by the request's content type. */
export function encodeError(
  model: ServiceModel | undefined,
  error: AwsError,
  ctx: EncodeContext,
): HttpResponse {
  if (!model) {
    const type = ctx.request ? (header(ctx.request, 'content-type') ?? '') : '';
    return type.includes('json')
      ? encodeJsonError(undefined, error, ctx)
      : encodeQueryError(undefined, error, ctx);
  }
  const c = compile(model);
  switch (model.metadata.protocol) {
    case 'json':
      return encodeJsonError(c, error, ctx);
    case 'rest-json':
      return encodeRestJsonError(c, error, ctx);
    case 'rest-xml':
      return encodeRestXmlError(c, error, ctx);
    default:
      return encodeQueryError(c, error, ctx);
  }
}
