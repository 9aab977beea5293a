import type {
  GetObjectLockConfigurationOutput,
  GetObjectLockConfigurationRequest,
  ObjectLockConfiguration,
  PutObjectLockConfigurationOutput,
  PutObjectLockConfigurationRequest,
} from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { LOCK_MODES, lockConfiguration } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { versioningStatus } from '../versioning.ts';

const MAX_DAYS = 36_500;
const MAX_YEARS = 100;

/**
 * Turns Object Lock on (a bucket with versioning Enabled may get it after creation, as S3 allows
 * since 2023) and sets or clears its default retention. Object Lock is never turned off.
 */
export function putObjectLockConfiguration(
  core: S3Core,
  input: PutObjectLockConfigurationRequest,
): PutObjectLockConfigurationOutput {
  requireBucket(core, input.Bucket);
  if (versioningStatus(core, input.Bucket) !== 'Enabled') throw ObjectLockErrors.versioningRequired();
  const configuration = input.ObjectLockConfiguration;
  if (configuration?.ObjectLockEnabled !== 'Enabled') throw S3Errors.malformedXml();
  const stored: ObjectLockConfiguration = { ObjectLockEnabled: 'Enabled' };
  if (configuration.Rule !== undefined) {
    const retention = configuration.Rule.DefaultRetention;
    if (!retention?.Mode || !LOCK_MODES.includes(retention.Mode)) throw S3Errors.malformedXml();
    const { Days, Years } = retention;
    if ((Days === undefined) === (Years === undefined)) throw S3Errors.malformedXml();
    if (Days !== undefined) checkPeriod('Days', Days, MAX_DAYS);
    if (Years !== undefined) checkPeriod('Years', Years, MAX_YEARS);
    stored.Rule = {
      DefaultRetention: { Mode: retention.Mode, ...(Days !== undefined ? { Days } : { Years }) },
    };
  }
  core.configs.put(input.Bucket, 'objectLock', stored);
  return {};
}

function checkPeriod(unit: 'Days' | 'Years', value: number, max: number): void {
  if (!Number.isInteger(value) || value <= 0) throw ObjectLockErrors.retentionPeriod(unit, value, false);
  if (value > max) throw ObjectLockErrors.retentionPeriod(unit, value, true);
}

export function getObjectLockConfiguration(
  core: S3Core,
  input: GetObjectLockConfigurationRequest,
): GetObjectLockConfigurationOutput {
  requireBucket(core, input.Bucket);
  const configuration = lockConfiguration(core, input.Bucket);
  if (!configuration) throw ObjectLockErrors.configurationNotFound(input.Bucket);
  return { ObjectLockConfiguration: configuration };
}
