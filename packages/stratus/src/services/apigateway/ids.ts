import { randomBytes } from 'node:crypto';
import { randomString } from '../../cloudformation/naming.ts';
import type { RandomSource } from '../../random-pool.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An id as API Gateway mints them for APIs, resources and deployments: 10 lowercase alphanumerics. */
export function newId(length = 10): string {
  return randomString(length, ALPHABET);
}

/** The `x-amz-apigw-id` / `$context.extendedRequestId` form: 16 base64 characters ending in `=`. */
export function newExtendedRequestId(random: RandomSource = randomBytes): string {
  return random(11).toString('base64');
}

/** An X-Ray trace header value: `Root=1-<epoch seconds hex>-<96 random bits>`. */
export function newTraceId(nowMs: number, random: RandomSource = randomBytes): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${seconds}-${random(12).toString('hex')}`;
}
