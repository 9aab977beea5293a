import { ApiGatewayErrors } from '../errors.ts';

/** API Gateway's list paging: `limit` (default 25, at most 500) items after the opaque `position`. */
export function page<T>(
  items: readonly T[],
  input: { position?: string; limit?: number },
): { items: T[]; position?: string } {
  const limit = input.limit ?? 25;
  if (limit < 1 || limit > 500) throw ApiGatewayErrors.badRequest('Limit must be between 1 and 500');
  const start = input.position ? decodePosition(input.position) : 0;
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? encodePosition(start + limit) : undefined;
  return { items: slice, position: next };
}

function encodePosition(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function decodePosition(position: string): number {
  const offset = Number(Buffer.from(position, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0)
    throw ApiGatewayErrors.badRequest('Invalid position parameter');
  return offset;
}
