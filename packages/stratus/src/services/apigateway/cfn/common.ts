import type { ResourceContext } from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { StringMap } from '../shapes.ts';
import type { Scope } from '../store.ts';

export function scopeOf(ctx: ResourceContext): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}

/** Runs a delete, treating "already gone" as done (CloudFormation deletes are idempotent). */
export function ignoringNotFound(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(isAwsError(error) && error.code === 'NotFoundException')) throw error;
  }
}

/** CloudFormation's `[{Key, Value}]` tags as API Gateway's map. */
export function tagMap(tags: Array<{ Key: string; Value: string }> | undefined): StringMap | undefined {
  if (!tags?.length) return undefined;
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}

/** CloudFormation passes numbers and booleans of some properties as strings. */
export function asNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return Number(value);
}

export function asBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 'true';
}
