/**
 * The wire protocols: turn an HTTP request into an operation name and its validated input,
 * and an output or an AwsError into the HTTP response the AWS SDK expects. Services never
 * see raw HTTP. (Implemented per protocol in json.ts, query.ts, rest-json.ts, rest-xml.ts.)
 */
import type { AwsError } from './errors.ts';
import type { HttpRequest, HttpResponse } from './http.ts';
import type { ServiceModel } from './model.ts';

export interface DecodedRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface EncodeContext {
  readonly requestId: string;
}

/** Throws AwsError for unknown operations, malformed bodies and inputs that break the model's constraints. */
export function decodeRequest(_model: ServiceModel, _req: HttpRequest): DecodedRequest {
  throw new Error('protocol: not written yet');
}

export function encodeResponse(
  _model: ServiceModel,
  _operation: string,
  _output: unknown,
  _ctx: EncodeContext,
): HttpResponse {
  throw new Error('protocol: not written yet');
}

/** `model` undefined: the service is unknown; the error is shaped by the request's content type. */
export function encodeError(
  _model: ServiceModel | undefined,
  _error: AwsError,
  _ctx: EncodeContext & { readonly request?: HttpRequest },
): HttpResponse {
  throw new Error('protocol: not written yet');
}
