/**
 * The REST-JSON protocol (Lambda, API Gateway, SES v2 …): the operation comes from the method
 * and path, members from the URI, query string, headers and a JSON body (or a raw payload).
 */
import type { CompiledModel } from './compiled.ts';
import { AwsError } from './errors.ts';
import type { HttpRequest, HttpResponse } from './http.ts';
import type { DecodedRequest, EncodeContext } from './index.ts';
import { parseJsonBody } from './json.ts';
import { readJson, readStructure, writeJson, writeStructure } from './json-codec.ts';
import { jsonErrorBody, jsonErrorCode } from './json-errors.ts';
import { writeBindings } from './member-bindings.ts';
import type { OperationModel } from './model.ts';
import { decodeRest, defaultHeader, formatHeader, hasBodyMembers, isBound } from './rest-common.ts';
import { toBuffer } from './values.ts';

export function decodeRestJson(c: CompiledModel, req: HttpRequest): DecodedRequest {
  return decodeRest(c, req, {
    path: req.rawPath,
    noRoute: () => new AwsError('UnknownOperationException', 'Unknown operation', { status: 404 }),
    readBody(shape, input) {
      if (shape.payload) {
        const ref = shape.members![shape.payload];
        const target = c.resolve(ref);
        if (target.type === 'blob') input[shape.payload] = req.body;
        else if (target.type === 'string') input[shape.payload] = req.body.toString('utf8');
        else if (req.body.length > 0) input[shape.payload] = readJson(c, ref, parseJsonBody(c, req.body));
        return;
      }
      if (req.body.length === 0 || !hasBodyMembers(shape)) return;
      Object.assign(input, readStructure(c, shape, 'body', parseJsonBody(c, req.body), isBound));
    },
  });
}

export function encodeRestJson(
  c: CompiledModel,
  operation: OperationModel,
  output: unknown,
  ctx: EncodeContext,
): HttpResponse {
  const status = operation.http.responseCode ?? 200;
  const headers: Record<string, string> = { 'x-amzn-RequestId': ctx.requestId };
  if (!operation.output) return { status, headers };
  const shape = c.shape(operation.output.shape);
  const record = (output ?? {}) as Record<string, unknown>;
  const bindings = writeBindings(c, shape, record, formatHeader);
  Object.assign(headers, bindings.headers);
  const response: HttpResponse = { status: bindings.status ?? status, headers };
  if (shape.payload) {
    const ref = shape.members![shape.payload];
    const target = c.resolve(ref);
    const value = record[shape.payload];
    if (target.type === 'blob' || target.type === 'string') {
      defaultHeader(
        headers,
        'content-type',
        target.type === 'blob' ? 'application/octet-stream' : 'text/plain',
      );
      if (value !== undefined && value !== null) response.body = rawBody(value);
    } else {
      defaultHeader(headers, 'content-type', 'application/json');
      const written = writeJson(c, ref, value);
      response.body = written === undefined ? '{}' : JSON.stringify(written);
    }
    return response;
  }
  defaultHeader(headers, 'content-type', 'application/json');
  response.body = JSON.stringify(writeStructure(c, shape, record, isBound));
  return response;
}

/** A payload as the body: streams pass through, everything else becomes bytes. */
export function rawBody(value: unknown): HttpResponse['body'] {
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return value as HttpResponse['body'];
  return toBuffer(value);
}

export function encodeRestJsonError(
  c: CompiledModel | undefined,
  error: AwsError,
  ctx: EncodeContext,
): HttpResponse {
  return {
    status: error.status,
    headers: {
      ...error.headers,
      'content-type': 'application/json',
      'x-amzn-RequestId': ctx.requestId,
      'x-amzn-ErrorType': jsonErrorCode(c, error),
    },
    body: JSON.stringify(jsonErrorBody(c, error, false)),
  };
}
