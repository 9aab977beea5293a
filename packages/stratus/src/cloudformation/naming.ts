import { randomInt } from 'node:crypto';
import type { ResourceContext } from './provider.ts';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = `abcdefghijklmnopqrstuvwxyz${UPPER_ALNUM}`;
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface PhysicalNameOptions {
  /** Lower-case the whole name (S3 buckets, some log and queue names). Default false. */
  readonly lowercase?: boolean;
  /** Characters of the random suffix: `upper` (IAM roles; the default), `mixed` (Lambda functions), `lower`. */
  readonly suffix?: 'upper' | 'mixed' | 'lower';
  /** Length of the random suffix (default 12, CloudFormation's usual; IAM roles use 12 or 13). */
  readonly suffixLength?: number;
}

/**
 * The name CloudFormation gives a resource whose template sets none:
 * `<StackName>-<LogicalId>-<RANDOM>`, with the stack name and the logical id shortened (the longer
 * one first) so the whole fits `maxLength`.
 */
export function generatePhysicalName(
  ctx: Pick<ResourceContext, 'stackName' | 'logicalId'>,
  maxLength: number,
  options: PhysicalNameOptions = {},
): string {
  const suffix = randomString(
    options.suffixLength ?? 12,
    options.suffix === 'mixed' ? MIXED_ALNUM : options.suffix === 'lower' ? LOWER_ALNUM : UPPER_ALNUM,
  );
  const budget = Math.max(0, maxLength - suffix.length - 2);
  let stack = ctx.stackName;
  let logical = ctx.logicalId;
  while (stack.length + logical.length > budget) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  const name = `${stack}-${logical}-${suffix}`;
  return options.lowercase ? name.toLowerCase() : name;
}

/** `length` random characters drawn from `alphabet` (cryptographically random). */
export function randomString(length: number, alphabet = UPPER_ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** AWS's lower-case hexadecimal resource ids (`vpc-0abc…`, `sg-…`): `prefix-` and 17 hex digits. */
export function randomHexId(prefix: string, digits = 17): string {
  return `${prefix}-${randomString(digits, '0123456789abcdef')}`;
}
