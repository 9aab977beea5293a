import { AwsError } from '../../protocol/errors.ts';

/** Object Lock's errors (retention, legal hold, the bucket's lock configuration). */
export const ObjectLockErrors = {
  /** A retention or legal hold call on a bucket without Object Lock. */
  missingConfiguration: () =>
    new AwsError('InvalidRequest', 'Bucket is missing Object Lock Configuration', { status: 400 }),
  /** Lock headers on an upload to a bucket without Object Lock (S3 spells this one without spaces). */
  missingConfigurationOnUpload: () =>
    new AwsError('InvalidRequest', 'Bucket is missing ObjectLockConfiguration', { status: 400 }),
  configurationNotFound: (bucket: string) =>
    new AwsError(
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
      {
        status: 404,
        fields: { BucketName: bucket },
      },
    ),
  noObjectConfiguration: () =>
    new AwsError(
      'NoSuchObjectLockConfiguration',
      'The specified object does not have a ObjectLock configuration',
      {
        status: 404,
      },
    ),
  versioningRequired: () =>
    new AwsError(
      'InvalidBucketState',
      "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
      { status: 409 },
    ),
  versioningLocked: () =>
    new AwsError(
      'InvalidBucketState',
      'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
      { status: 409 },
    ),
  /** Deleting, or weakening the retention of, a version Object Lock protects. */
  locked: () =>
    new AwsError('AccessDenied', 'Access Denied because object protected by object lock.', { status: 403 }),
  bothRequired: (missing: 'x-amz-object-lock-mode' | 'x-amz-object-lock-retain-until-date') =>
    new AwsError(
      'InvalidArgument',
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
      { status: 400, fields: { ArgumentName: missing } },
    ),
  unknownMode: (mode: string) =>
    new AwsError('InvalidArgument', 'Unknown wormMode directive.', {
      status: 400,
      fields: { ArgumentName: 'x-amz-object-lock-mode', ArgumentValue: mode },
    }),
  legalHoldStatus: (status: string) =>
    new AwsError('InvalidArgument', "Legal Hold must be either of 'ON' or 'OFF'", {
      status: 400,
      fields: { ArgumentName: 'x-amz-object-lock-legal-hold', ArgumentValue: status },
    }),
  unreadableDate: (value: string) =>
    new AwsError('InvalidArgument', 'The retain until date must be provided in ISO 8601 format', {
      status: 400,
      fields: { ArgumentName: 'x-amz-object-lock-retain-until-date', ArgumentValue: value },
    }),
  pastDate: (name: string, value: string) =>
    new AwsError('InvalidArgument', 'The retain until date must be in the future!', {
      status: 400,
      fields: { ArgumentName: name, ArgumentValue: value },
    }),
  retentionPeriod: (unit: 'Days' | 'Years', value: number, tooLarge: boolean) =>
    new AwsError(
      'InvalidArgument',
      tooLarge
        ? 'Default retention period too large.'
        : 'Default retention period must be a positive integer value.',
      { status: 400, fields: { ArgumentName: unit, ArgumentValue: value } },
    ),
  /** `what`: "Put Object" or "Put Part". */
  integrityRequired: (what: string) =>
    new AwsError(
      'InvalidRequest',
      `Content-MD5 OR x-amz-checksum- HTTP header is required for ${what} requests with Object Lock parameters`,
      { status: 400 },
    ),
  bypassOutsideLock: () =>
    new AwsError(
      'InvalidArgument',
      'x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.',
      { status: 400, fields: { ArgumentName: 'x-amz-bypass-governance-retention' } },
    ),
};
