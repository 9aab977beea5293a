import type { AccessRequest } from '../../../iam/policy/types.ts';
import type { RequestContext } from '../../service.ts';
import { bucketPolicy, type S3Core } from '../core.ts';
import { S3AccessErrors } from '../errors.ts';
import { checkAnonymousAccess } from './anonymous.ts';
import { accessRequests } from './requests.ts';

/**
 * S3's half of authorization: the access requests IAM evaluates, and anonymous requests the
 * bucket policy and Block Public Access do not open to everyone.
 */
export function authorizeS3(
  core: S3Core,
  operation: string,
  input: Record<string, unknown>,
  ctx: RequestContext,
): AccessRequest[] {
  const requests = accessRequests(operation, input, ctx, (bucket) => ({
    policy: bucketPolicy(core, bucket),
    account: core.store.bucket(bucket)?.account,
  }));
  const { principal } = ctx;
  return principal?.type === 'Anonymous' ? checkAnonymousAccess(core, requests, principal, ctx) : requests;
}

/**
 * Refuses a request whose `x-amz-expected-bucket-owner` is not the bucket's owner. Run for every
 * caller, root included, so it is part of the operation rather than of IAM's evaluation.
 */
export function checkExpectedBucketOwner(core: S3Core, input: Record<string, unknown>): void {
  const expected = input.ExpectedBucketOwner;
  if (expected === undefined || typeof input.Bucket !== 'string') return;
  const owner = core.store.bucket(input.Bucket)?.account;
  if (owner !== undefined && owner !== expected) throw S3AccessErrors.accessDenied();
}
