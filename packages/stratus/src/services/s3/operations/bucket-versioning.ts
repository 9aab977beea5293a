import type {
  GetBucketVersioningOutput,
  GetBucketVersioningRequest,
  PutBucketVersioningRequest,
  VersioningConfiguration,
} from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { lockConfiguration } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { versioningStatus } from '../versioning.ts';

/** Enabled or Suspended; once configured a bucket never returns to unversioned, as in S3. */
export function putBucketVersioning(core: S3Core, input: PutBucketVersioningRequest): Record<string, never> {
  requireBucket(core, input.Bucket);
  const { Status, MFADelete } = input.VersioningConfiguration ?? {};
  if (Status !== 'Enabled' && Status !== 'Suspended') throw S3Errors.malformedXml();
  if (MFADelete === 'Enabled')
    throw S3Errors.invalidRequest('DevPay and Mfa are mutually exclusive authorization methods.');
  if (Status === 'Suspended' && lockConfiguration(core, input.Bucket))
    throw ObjectLockErrors.versioningLocked();
  if (versioningStatus(core, input.Bucket) === undefined) core.versions.adopt(input.Bucket);
  const stored: VersioningConfiguration = { Status, ...(MFADelete ? { MFADelete } : {}) };
  core.configs.put(input.Bucket, 'versioning', stored);
  return {};
}

/** Empty for a bucket whose versioning was never configured. */
export function getBucketVersioning(
  core: S3Core,
  input: GetBucketVersioningRequest,
): GetBucketVersioningOutput {
  requireBucket(core, input.Bucket);
  return core.configs.get<VersioningConfiguration>(input.Bucket, 'versioning') ?? {};
}
