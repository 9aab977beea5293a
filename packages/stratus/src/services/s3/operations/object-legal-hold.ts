import type {
  GetObjectLegalHoldOutput,
  GetObjectLegalHoldRequest,
  PutObjectLegalHoldOutput,
  PutObjectLegalHoldRequest,
} from '../../../protocol/models/types/s3.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { requireLock } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import { findObject } from '../versioning.ts';

/** Puts a version under legal hold (ON) or lifts it (OFF); anyone allowed s3:PutObjectLegalHold may. */
export function putObjectLegalHold(core: S3Core, input: PutObjectLegalHoldRequest): PutObjectLegalHoldOutput {
  requireBucket(core, input.Bucket);
  const status = input.LegalHold?.Status;
  if (input.LegalHold === undefined) throw S3Errors.malformedXml();
  requireLock(core, input.Bucket);
  const object = findObject(core, input.Bucket, input.Key, input.VersionId, 'PUT');
  if (status !== 'ON' && status !== 'OFF') throw S3Errors.malformedXml();
  core.versions.update({ ...object, legalHold: status });
  return {};
}

export function getObjectLegalHold(core: S3Core, input: GetObjectLegalHoldRequest): GetObjectLegalHoldOutput {
  requireBucket(core, input.Bucket);
  requireLock(core, input.Bucket);
  const object = findObject(core, input.Bucket, input.Key, input.VersionId);
  if (!object.legalHold) throw ObjectLockErrors.noObjectConfiguration();
  return { LegalHold: { Status: object.legalHold } };
}
