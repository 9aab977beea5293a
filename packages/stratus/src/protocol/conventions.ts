/**
 * Which error code a service answers with when its input breaks the model's constraints or
 * cannot be read at all. Each protocol has AWS's usual code; some services use their own
 * (CloudWatch Logs and Cognito User Pools say InvalidParameterException, not ValidationException).
 */
import type { CompiledModel } from './compiled.ts';
import { AwsError } from './errors.ts';
import type { ProtocolName } from './model.ts';

const VALIDATION_BY_PROTOCOL: Record<ProtocolName, string> = {
  json: 'ValidationException',
  'rest-json': 'ValidationException',
  query: 'ValidationError',
  'rest-xml': 'InvalidArgument',
  ec2: 'InvalidParameterValue',
};

/** By the model's serviceId. */
const VALIDATION_BY_SERVICE: Record<string, string> = {
  'CloudWatch Logs': 'InvalidParameterException',
  'Cognito Identity Provider': 'InvalidParameterException',
};

const MALFORMED_BY_PROTOCOL: Record<ProtocolName, string> = {
  json: 'SerializationException',
  'rest-json': 'SerializationException',
  query: 'MalformedInput',
  'rest-xml': 'MalformedXML',
  ec2: 'MalformedInput',
};

/** Bodies that are not JSON at all: Lambda names its own error for it. */
const UNPARSABLE_BY_SERVICE: Record<string, { code: string; prefix: string }> = {
  Lambda: { code: 'InvalidRequestContentException', prefix: 'Could not parse request body into json: ' },
};

export function validationError(compiled: CompiledModel, message: string): AwsError {
  const code = VALIDATION_BY_SERVICE[compiled.serviceId] ?? VALIDATION_BY_PROTOCOL[compiled.protocol];
  return new AwsError(code, message, { status: 400 });
}

/** A value of the wrong type for the model (a number where a string belongs, bad base64, …). */
export function malformedError(compiled: CompiledModel, message: string): AwsError {
  return new AwsError(MALFORMED_BY_PROTOCOL[compiled.protocol], message, { status: 400 });
}

/** A body that does not parse as JSON. */
export function unparsableJson(compiled: CompiledModel, detail: string): AwsError {
  const special = UNPARSABLE_BY_SERVICE[compiled.serviceId];
  if (special) return new AwsError(special.code, special.prefix + detail, { status: 400 });
  return new AwsError('SerializationException', detail, { status: 400 });
}
