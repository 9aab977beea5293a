/**
 * The JSON 1.0/1.1 protocol (DynamoDB, CloudWatch Logs, Cognito, SSM, Step Functions …):
 * POST / with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON body.
 */
import { crc32 } from 'node:zlib';
import type { CompiledModel } from './compiled.ts';
import { unparsableJson } from './conventions.ts';
import { refusesEmptyBody } from './coral-prechecks.ts';
import { AwsError, CommonErrors } from './errors.ts';
import { type HttpRequest, type HttpResponse, header } from './http.ts';
import type { DecodedRequest, EncodeContext } from './index.ts';
import { finishInput } from './input.ts';
import { readStructure, writeStructure } from './json-codec.ts';
import { jsonErrorBody, jsonErrorCode } from './json-errors.ts';
import { stringifyAnswer } from './json-text.ts';
import type { OperationModel } from './model.ts';

export function decodeJson(c: CompiledModel, req: HttpRequest): DecodedRequest {
  const target = header(req, 'x-amz-target') ?? '';
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, dot);
  const operation =
    dot > 0 && prefix === c.model.metadata.targetPrefix ? c.operation(target.slice(dot + 1)) : undefined;
  if (!operation) throw CommonErrors.unknownOperation();
  const body = parseJsonBody(c, req.body);
  let input: Record<string, unknown> = {};
  if (operation.input) input = readStructure(c, c.shape(operation.input.shape), operation.input.shape, body);
  return { operation: operation.name, input: finishInput(c, operation, input) };
}

/** The body as a JSON value; an empty body is `{}` (except where the frontend refuses it). */
export function parseJsonBody(c: CompiledModel, body: Buffer): unknown {
  if (body.length === 0) {
    if (refusesEmptyBody(c)) throw new AwsError('SerializationException', '', { status: 400 });
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw unparsableJson(c, (error as Error).message);
  }
  if (value === null) return {};
  if (typeof value !== 'object')
    throw new AwsError('SerializationException', 'Unexpected value type in payload', { status: 400 });
  if (Array.isArray(value))
    throw new AwsError('SerializationException', 'Start of list found where not expected', { status: 400 });
  return value;
}

export function contentType(c: CompiledModel | undefined, request?: HttpRequest): string {
  if (request && c?.serviceId === 'DynamoDB') return dynamoContentType(request);
  return `application/x-amz-json-${c?.model.metadata.jsonVersion ?? '1.0'}`;
}

const AMZ_JSON_10 = 'application/x-amz-json-1.0';

/**
 * DynamoDB's frontend answers `application/x-amz-json-1.0` only to a request sent as such (parameters
 * aside) and `application/json` to any other it serves (`application/json`, or no body and no type).
 * (It answers a body of any other type with a 404 page; Stratus serves those as JSON.)
 */
function dynamoContentType(request: HttpRequest): string {
  const type = header(request, 'content-type');
  if (type === AMZ_JSON_10) return AMZ_JSON_10; // what the SDKs send: no parsing
  const semicolon = type?.indexOf(';') ?? -1;
  const media = (semicolon < 0 ? type : type!.slice(0, semicolon))?.trim();
  return media === AMZ_JSON_10 ? AMZ_JSON_10 : 'application/json';
}

export function encodeJson(
  c: CompiledModel,
  operation: OperationModel,
  output: unknown,
  ctx: EncodeContext,
): HttpResponse {
  const body = operation.output
    ? writeStructure(c, c.shape(operation.output.shape), (output ?? {}) as Record<string, unknown>)
    : {};
  const text = stringifyAnswer(body);
  const headers = { 'content-type': contentType(c, ctx.request), 'x-amzn-RequestId': ctx.requestId };
  return { status: 200, headers: withChecksum(c, headers, text), body: text };
}

/** DynamoDB answers carry the CRC32 of their body (`x-amz-crc32`), which its SDKs may verify. */
function withChecksum(c: CompiledModel | undefined, headers: Record<string, string>, body: string) {
  if (c?.serviceId === 'DynamoDB') headers['x-amz-crc32'] = String(crc32(body));
  return headers;
}

export function encodeJsonError(
  c: CompiledModel | undefined,
  error: AwsError,
  ctx: EncodeContext,
): HttpResponse {
  const headers: Record<string, string> = {
    ...error.headers,
    'content-type': contentType(c, ctx.request),
    'x-amzn-RequestId': ctx.requestId,
    'x-amzn-ErrorType': jsonErrorCode(c, error),
  };
  if (c?.model.metadata.awsQueryCompatible) {
    // The Query-era code (AWS.SimpleQueueService.NonExistentQueue) and fault, for query-compatible SDKs.
    headers['x-amzn-query-error'] = `${c.errorShape(error.code)?.code ?? error.code};${error.fault}`;
  }
  const body = JSON.stringify(jsonErrorBody(c, error, true));
  return { status: error.status, headers: withChecksum(c, headers, body), body };
}
