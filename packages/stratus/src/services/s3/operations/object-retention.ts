import type {
  GetObjectRetentionOutput,
  GetObjectRetentionRequest,
  PutObjectRetentionOutput,
  PutObjectRetentionRequest,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { LOCK_MODES, mayBypassGovernance, requireLock } from '../object-lock.ts';
import { ObjectLockErrors } from '../object-lock-errors.ts';
import type { ObjectRecord } from '../store.ts';
import { findObject } from '../versioning.ts';

/**
 * Sets, extends, shortens or removes (an empty `<Retention/>`) a version's retention. While a
 * retention is in force, COMPLIANCE can only be extended; GOVERNANCE can be weakened (shortened,
 * removed, or changed in mode) only with x-amz-bypass-governance-retention and
 * s3:BypassGovernanceRetention.
 */
export function putObjectRetention(
  core: S3Core,
  input: PutObjectRetentionRequest,
  ctx?: RequestContext,
): PutObjectRetentionOutput {
  requireBucket(core, input.Bucket);
  requireLock(core, input.Bucket);
  const object = findObject(core, input.Bucket, input.Key, input.VersionId, 'PUT');
  const { Mode, RetainUntilDate } = input.Retention ?? {};
  const removing = Mode === undefined && RetainUntilDate === undefined;
  if (!removing && (Mode === undefined || RetainUntilDate === undefined || !LOCK_MODES.includes(Mode)))
    throw S3Errors.malformedXml();
  const now = core.clock.now();
  const until = RetainUntilDate?.getTime();
  if (until !== undefined && until <= now)
    throw ObjectLockErrors.pastDate('RetainUntilDate', RetainUntilDate!.toISOString());
  const current = object.retention;
  if (current && current.until > now) {
    const weakens =
      removing || until! < current.until || (current.mode === 'COMPLIANCE' && Mode !== 'COMPLIANCE');
    const changesMode = !removing && Mode !== current.mode;
    if (current.mode === 'COMPLIANCE' && weakens) throw ObjectLockErrors.locked();
    if (
      current.mode === 'GOVERNANCE' &&
      (weakens || changesMode) &&
      !(input.BypassGovernanceRetention && mayBypassGovernance(core, object, ctx))
    )
      throw ObjectLockErrors.locked();
  }
  const { retention: _old, ...rest } = object;
  const updated: ObjectRecord = removing ? rest : { ...rest, retention: { mode: Mode!, until: until! } };
  core.versions.update(updated);
  return {};
}

export function getObjectRetention(core: S3Core, input: GetObjectRetentionRequest): GetObjectRetentionOutput {
  requireBucket(core, input.Bucket);
  requireLock(core, input.Bucket);
  const object = findObject(core, input.Bucket, input.Key, input.VersionId);
  if (!object.retention) throw ObjectLockErrors.noObjectConfiguration();
  return {
    Retention: { Mode: object.retention.mode, RetainUntilDate: new Date(object.retention.until) },
  };
}
