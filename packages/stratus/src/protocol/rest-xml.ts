/**
 * The REST-XML protocol (S3, CloudFront): routing and bindings as REST-JSON, XML bodies.
 * S3's own ways: path or virtual-hosted buckets, `aws-chunked` uploads, bare `<Error>` bodies
 * and the `x-amz-request-id`/`x-amz-id-2` pair.
 */
import { ChunkedBodyError, decodeAwsChunked, isAwsChunked, withoutAwsChunked } from './aws-chunked.ts';
import { type CompiledModel, memberIndex } from './compiled.ts';
import { AwsError } from './errors.ts';
import { type HttpRequest, type HttpResponse, header } from './http.ts';
import { pathIsKnown } from './http-binding.ts';
import type { DecodedRequest, EncodeContext } from './index.ts';
import { writeBindings } from './member-bindings.ts';
import type { OperationModel, Shape, ShapeRef } from './model.ts';
import { decodeRest, defaultHeader, formatHeader, hasBodyMembers, isBound } from './rest-common.ts';
import { rawBody } from './rest-json.ts';
import { s3PathStyle } from './s3-host.ts';
import { escapeXml, writeXmlErrorFields, writeXmlMembers, writeXmlValue, xmlName, xmlScalar } from './xml.ts';
import { parseXml, readXml, readXmlStructure, XmlReadError } from './xml-read.ts';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const isS3 = (c: CompiledModel | undefined) => c?.serviceId === 'S3';

const malformedXml = () =>
  new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    { status: 400 },
  );

export function decodeRestXml(c: CompiledModel, req: HttpRequest): DecodedRequest {
  const path = isS3(c) ? s3PathStyle(req.hostname, req.rawPath) : req.rawPath;
  return decodeRest(c, req, {
    path,
    noRoute: () =>
      isS3(c) || pathIsKnown(c, path)
        ? new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
            status: 405,
            fields: { Method: req.method, ResourceType: 'OBJECT' },
          })
        : new AwsError('UnknownOperationException', 'Unknown operation', { status: 404 }),
    readBody: (shape, input) => readBody(c, req, shape, input),
  });
}

function readBody(c: CompiledModel, req: HttpRequest, shape: Shape, input: Record<string, unknown>): void {
  let body = req.body;
  if (isAwsChunked(req)) {
    try {
      body = decodeAwsChunked(body);
    } catch (error) {
      if (error instanceof ChunkedBodyError)
        throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly', { status: 400 });
      throw error;
    }
    for (const [name, ref] of memberIndex(shape).list) {
      if (ref.location !== 'header') continue;
      const wire = ref.locationName?.toLowerCase();
      if (wire === 'content-encoding') {
        const rest = withoutAwsChunked(header(req, 'content-encoding'));
        if (rest === undefined) delete input[name];
        else input[name] = rest;
      } else if (wire === 'content-length') {
        input[name] = body.length;
      }
    }
  }
  try {
    if (shape.payload) {
      const ref = shape.members![shape.payload];
      const target = c.resolve(ref);
      if (target.type === 'blob') input[shape.payload] = req.stream && body.length === 0 ? req.stream : body;
      else if (target.type === 'string') input[shape.payload] = body.toString('utf8');
      else if (body.length > 0) input[shape.payload] = readXml(c, ref, parseXml(body.toString('utf8')).node);
      return;
    }
    if (body.length === 0 || !hasBodyMembers(shape)) return;
    Object.assign(input, readXmlStructure(c, shape, parseXml(body.toString('utf8')).node));
  } catch (error) {
    if (error instanceof XmlReadError) throw malformedXml();
    throw error;
  }
}

function namespaceOf(c: CompiledModel): { readonly uri: string } | undefined {
  const ns = c.model.metadata.xmlNamespace;
  return ns ? { uri: ns } : undefined;
}

export function encodeRestXml(
  c: CompiledModel,
  operation: OperationModel,
  output: unknown,
  ctx: EncodeContext,
): HttpResponse {
  const headers: Record<string, string> = requestIdHeaders(c, ctx.requestId);
  const status = operation.http.responseCode ?? 200;
  if (!operation.output) return { status, headers };
  const shapeName = operation.output.shape;
  const shape = c.shape(shapeName);
  const record = (output ?? {}) as Record<string, unknown>;
  const bindings = writeBindings(c, shape, record, formatHeader);
  Object.assign(headers, bindings.headers);
  const response: HttpResponse = { status: bindings.status ?? status, headers };
  if (shape.payload) {
    const ref = shape.members![shape.payload];
    const target = c.resolve(ref);
    const value = record[shape.payload];
    if (value === undefined || value === null) return response;
    if (target.type === 'blob' || target.type === 'string') {
      defaultHeader(
        headers,
        'Content-Type',
        target.type === 'blob' ? 'application/octet-stream' : 'text/plain',
      );
      response.body = rawBody(value);
      return response;
    }
    const withNs = ref.xmlNamespace || target.xmlNamespace ? ref : { ...ref, xmlNamespace: namespaceOf(c) };
    defaultHeader(headers, 'Content-Type', 'application/xml');
    response.body = DECLARATION + writeXmlValue(c, withNs, xmlName(shape.payload, ref), value);
    return response;
  }
  const bodyMembers = memberIndex(shape).list.filter(([, ref]) => !isBound(ref));
  if (bodyMembers.length === 0) return response;
  const root = shape.locationName ?? `${operation.name}Result`;
  const ns = shape.xmlNamespace ?? namespaceOf(c);
  const nsAttr = ns ? ` xmlns="${escapeXml(ns.uri)}"` : '';
  defaultHeader(headers, 'Content-Type', 'application/xml');
  if (bodyMembers.length === 1 && isScalarRoot(c, bodyMembers[0], root)) {
    // S3's GetBucketLocation: the one member is the root element itself.
    const [name, ref] = bodyMembers[0];
    const value = record[name];
    const text =
      value === undefined || value === null ? '' : escapeXml(xmlScalar(ref, c.resolve(ref), value));
    response.body = `${DECLARATION}<${root}${nsAttr}>${text}</${root}>`;
    return response;
  }
  response.body = `${DECLARATION}<${root}${nsAttr}>${writeXmlMembers(c, shape, record, isBound)}</${root}>`;
  return response;
}

function isScalarRoot(c: CompiledModel, [name, ref]: readonly [string, ShapeRef], root: string): boolean {
  return xmlName(name, ref) === root && !['structure', 'list', 'map'].includes(c.resolve(ref).type);
}

function requestIdHeaders(c: CompiledModel | undefined, requestId: string): Record<string, string> {
  if (!isS3(c)) return { 'x-amzn-RequestId': requestId };
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(requestId).toString('base64') };
}

export function encodeRestXmlError(
  c: CompiledModel | undefined,
  error: AwsError,
  ctx: EncodeContext & { readonly request?: HttpRequest },
): HttpResponse {
  const known = c?.errorShape(error.code);
  const fields = writeXmlErrorFields(c, known?.shape, error.fields);
  const code = escapeXml(known?.code ?? error.code);
  const message = escapeXml(error.message);
  const requestId = escapeXml(ctx.requestId);
  const ids = requestIdHeaders(c, ctx.requestId);
  const headers = { ...error.headers, ...ids, 'Content-Type': 'application/xml' };
  if (ctx.request?.method === 'HEAD') return { status: error.status, headers };
  const body = isS3(c)
    ? `${DECLARATION}<Error><Code>${code}</Code><Message>${message}</Message>${fields}` +
      `<RequestId>${requestId}</RequestId><HostId>${escapeXml(ids['x-amz-id-2'] ?? '')}</HostId></Error>`
    : `${DECLARATION}<ErrorResponse${c?.model.metadata.xmlNamespace ? ` xmlns="${escapeXml(c.model.metadata.xmlNamespace)}"` : ''}>` +
      `<Error><Type>${error.fault}</Type><Code>${code}</Code><Message>${message}</Message>${fields}</Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers, body };
}
