import { ApiGatewayErrors } from './errors.ts';
import type { PatchOperation } from './shapes.ts';

/** A JSON-pointer segment as API Gateway escapes it: `~1` for `/`, `~0` for `~`. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function escapeSegment(value: string): string {
  return value.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value of a patch operation that must carry one, or AWS's complaint. */
export function requireValue(op: PatchOperation): string {
  if (op.value === undefined || op.value === null) {
    throw ApiGatewayErrors.badRequest(`Invalid null or empty value in ${op.path.replace(/^\//, '')}`);
  }
  return op.value;
}

/** A patch value that must read as a boolean. */
export function booleanValue(op: PatchOperation): boolean {
  const value = requireValue(op).toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw ApiGatewayErrors.badRequest(`Invalid value for ${op.path}: ${op.value} is not a boolean`);
  }
  return value === 'true';
}

/** A patch value that must read as a number. */
export function numberValue(op: PatchOperation): number {
  const value = Number(requireValue(op));
  if (!Number.isFinite(value)) {
    throw ApiGatewayErrors.badRequest(`Invalid value for ${op.path}: ${op.value} is not a number`);
  }
  return value;
}
