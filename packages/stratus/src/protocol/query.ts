/**
 * The Query protocol (CloudFormation, IAM, STS, SNS, SES v1): `Action=…&Version=…` in a form
 * body or the query string; answers in XML, the output inside `<OpResult>` (resultWrapper).
 */
import type { CompiledModel } from './compiled.ts';
import { type AwsError, CommonErrors } from './errors.ts';
import { type HttpRequest, type HttpResponse, header } from './http.ts';
import type { DecodedRequest, EncodeContext } from './index.ts';
import { finishInput } from './input.ts';
import type { OperationModel } from './model.ts';
import { paramTree, readQueryStructure } from './query-params.ts';
import { escapeXml, writeXmlErrorFields, writeXmlMembers } from './xml.ts';

export function decodeQuery(c: CompiledModel, req: HttpRequest): DecodedRequest {
  const params = queryParams(req);
  const action = params.find(([key]) => key === 'Action')?.[1];
  if (!action) throw CommonErrors.missingAction();
  const operation = c.operation(action);
  if (!operation) throw CommonErrors.invalidAction(action);
  let input: Record<string, unknown> = {};
  if (operation.input) input = readQueryStructure(c, c.shape(operation.input.shape), paramTree(params));
  return { operation: operation.name, input: finishInput(c, operation, input) };
}

/** The query string's parameters, then a form body's. */
function queryParams(req: HttpRequest): [string, string][] {
  const params = [...req.query.entries()];
  const type = header(req, 'content-type') ?? '';
  if (req.body.length > 0 && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) {
    params.push(...new URLSearchParams(req.body.toString('utf8')).entries());
  }
  return params;
}

function namespace(c: CompiledModel | undefined): string {
  const ns = c?.model.metadata.xmlNamespace;
  return ns ? ` xmlns="${escapeXml(ns)}"` : '';
}

export function encodeQuery(
  c: CompiledModel,
  operation: OperationModel,
  output: unknown,
  ctx: EncodeContext,
): HttpResponse {
  let result = '';
  if (operation.output) {
    const members = writeXmlMembers(
      c,
      c.shape(operation.output.shape),
      (output ?? {}) as Record<string, unknown>,
    );
    const wrapper = operation.output.resultWrapper;
    result = wrapper ? `<${wrapper}>${members}</${wrapper}>` : members;
  }
  const name = `${operation.name}Response`;
  const metadata = `<ResponseMetadata><RequestId>${escapeXml(ctx.requestId)}</RequestId></ResponseMetadata>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': ctx.requestId },
    body: `<${name}${namespace(c)}>${result}${metadata}</${name}>`,
  };
}

export function encodeQueryError(
  c: CompiledModel | undefined,
  error: AwsError,
  ctx: EncodeContext,
): HttpResponse {
  const known = c?.errorShape(error.code);
  const fields = writeXmlErrorFields(c, known?.shape, error.fields);
  const body =
    `<ErrorResponse${namespace(c)}><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(known?.code ?? error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${fields}</Error>` +
    `<RequestId>${escapeXml(ctx.requestId)}</RequestId></ErrorResponse>`;
  return {
    status: error.status,
    headers: { ...error.headers, 'content-type': 'text/xml', 'x-amzn-RequestId': ctx.requestId },
    body,
  };
}
