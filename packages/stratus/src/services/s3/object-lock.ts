import { type AwsError, isAwsError } from '../../protocol/errors.ts';
import { type HttpRequest, header } from '../../protocol/http.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type {
  DefaultRetention,
  ObjectLockConfiguration,
  ObjectLockLegalHoldStatus,
  ObjectLockRetentionMode,
} from '../../protocol/models/types/s3.ts';
import { parseScalarText } from '../../protocol/values.ts';
import type { RequestContext } from '../service.ts';
import { authorizeS3 } from './access/authorize.ts';
import type { S3Core } from './core.ts';
import { ObjectLockErrors } from './object-lock-errors.ts';
import type { ObjectRecord } from './store.ts';

export const LOCK_MODES: readonly string[] = ['GOVERNANCE', 'COMPLIANCE'];
const DAY_MS = 86_400_000;

/** The bucket's Object Lock configuration; undefined for a bucket without Object Lock. */
export function lockConfiguration(core: S3Core, bucket: string): ObjectLockConfiguration | undefined {
  return core.configs.get<ObjectLockConfiguration>(bucket, 'objectLock');
}

export function requireLock(core: S3Core, bucket: string): ObjectLockConfiguration {
  const configuration = lockConfiguration(core, bucket);
  if (!configuration) throw ObjectLockErrors.missingConfiguration();
  return configuration;
}

/** The lock members PutObject, CopyObject and CreateMultipartUpload share. */
export interface UploadLockInput {
  ObjectLockMode?: string;
  ObjectLockRetainUntilDate?: Date;
  ObjectLockLegalHoldStatus?: string;
}

export type LockFields = Pick<ObjectRecord, 'retention' | 'legalHold'>;

/** The retention and legal hold a new version gets: requestedLock, with the bucket's default retention. */
export function uploadLock(core: S3Core, bucket: string, input: UploadLockInput): LockFields {
  return withDefaultRetention(core, bucket, requestedLock(core, bucket, input));
}

/** The bucket's default retention, counted from now, unless the version has its own. */
export function withDefaultRetention(core: S3Core, bucket: string, lock: LockFields): LockFields {
  if (lock.retention) return lock;
  const configuration = lockConfiguration(core, bucket);
  return configuration ? { ...defaultLock(core, configuration), ...lock } : lock;
}

/**
 * The request's x-amz-object-lock-* headers, checked. Headers on a bucket without Object Lock
 * are refused.
 */
export function requestedLock(core: S3Core, bucket: string, input: UploadLockInput): LockFields {
  const { ObjectLockMode: mode, ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: hold } = input;
  if (mode !== undefined && until === undefined)
    throw ObjectLockErrors.bothRequired('x-amz-object-lock-retain-until-date');
  if (mode === undefined && until !== undefined)
    throw ObjectLockErrors.bothRequired('x-amz-object-lock-mode');
  if (mode !== undefined && !LOCK_MODES.includes(mode)) throw ObjectLockErrors.unknownMode(mode);
  if (hold !== undefined && hold !== 'ON' && hold !== 'OFF') throw ObjectLockErrors.legalHoldStatus(hold);
  if (mode === undefined && hold === undefined) return {};
  if (!lockConfiguration(core, bucket)) throw ObjectLockErrors.missingConfigurationOnUpload();
  const now = core.clock.now();
  if (until !== undefined && until.getTime() <= now)
    throw ObjectLockErrors.pastDate('x-amz-object-lock-retain-until-date', until.toISOString());
  return {
    ...(mode !== undefined
      ? { retention: { mode: mode as ObjectLockRetentionMode, until: until!.getTime() } }
      : {}),
    ...(hold !== undefined ? { legalHold: hold as ObjectLockLegalHoldStatus } : {}),
  };
}

/** The bucket's default retention for a version created now (Days, or calendar Years). */
function defaultLock(core: S3Core, configuration: ObjectLockConfiguration): LockFields {
  const rule: DefaultRetention | undefined = configuration.Rule?.DefaultRetention;
  if (!rule?.Mode) return {};
  const now = core.clock.now();
  let until = now + (rule.Days ?? 0) * DAY_MS;
  if (rule.Years !== undefined) {
    const date = new Date(now);
    date.setUTCFullYear(date.getUTCFullYear() + rule.Years);
    until = date.getTime();
  }
  return { retention: { mode: rule.Mode, until } };
}

/** Under a legal hold, or a retention that has not passed by the Stratus clock. */
export function isLocked(record: ObjectRecord, now: number): boolean {
  return record.legalHold === 'ON' || (record.retention !== undefined && record.retention.until > now);
}

/**
 * Refuses to delete a protected version for good: a legal hold always, COMPLIANCE retention
 * always, GOVERNANCE retention unless the caller sends x-amz-bypass-governance-retention and may
 * s3:BypassGovernanceRetention.
 */
export function checkDeletable(
  core: S3Core,
  record: ObjectRecord,
  bypass: boolean,
  ctx: RequestContext | undefined,
): void {
  if (!isLocked(record, core.clock.now())) return;
  if (record.legalHold !== 'ON' && record.retention?.mode === 'GOVERNANCE' && bypass) {
    if (mayBypassGovernance(core, record, ctx)) return;
  }
  throw ObjectLockErrors.locked();
}

/** Whether the caller holds s3:BypassGovernanceRetention on the object (the account's root always does). */
export function mayBypassGovernance(
  core: S3Core,
  record: Pick<ObjectRecord, 'bucket' | 'key'>,
  ctx: RequestContext | undefined,
): boolean {
  return mayAlso(core, 'BypassGovernanceRetention', record, ctx);
}

/** Whether the caller may also do `operation` on the object: an authorization an operation makes beyond its own. */
function mayAlso(
  core: S3Core,
  operation: string,
  record: Pick<ObjectRecord, 'bucket' | 'key' | 'versionId'>,
  ctx: RequestContext | undefined,
): boolean {
  const principal = ctx?.principal;
  if (!ctx || !principal || principal.type === 'Root') return true;
  const alsoCtx: RequestContext = { ...ctx, operation };
  try {
    const input = { Bucket: record.bucket, Key: record.key };
    const requests = authorizeS3(core, operation, input, alsoCtx);
    core.security.authorize(principal, requests, loadModel('s3'), alsoCtx);
    return true;
  } catch {
    return false;
  }
}

/**
 * GetObject and HeadObject answer the retention headers only to callers allowed
 * s3:GetObjectRetention, and the legal hold header only with s3:GetObjectLegalHold.
 */
export function hideUnreadableLock(
  core: S3Core,
  output: ReturnType<typeof lockOutput>,
  record: ObjectRecord,
  ctx: RequestContext | undefined,
): void {
  if (output.ObjectLockMode !== undefined && !mayAlso(core, 'GetObjectRetention', record, ctx)) {
    delete output.ObjectLockMode;
    delete output.ObjectLockRetainUntilDate;
  }
  if (output.ObjectLockLegalHoldStatus !== undefined && !mayAlso(core, 'GetObjectLegalHold', record, ctx))
    delete output.ObjectLockLegalHoldStatus;
}

/** The lock headers GetObject and HeadObject answer. */
export function lockOutput(record: ObjectRecord): {
  ObjectLockMode?: ObjectLockRetentionMode;
  ObjectLockRetainUntilDate?: Date;
  ObjectLockLegalHoldStatus?: ObjectLockLegalHoldStatus;
} {
  return {
    ...(record.retention
      ? {
          ObjectLockMode: record.retention.mode,
          ObjectLockRetainUntilDate: new Date(record.retention.until),
        }
      : {}),
    ...(record.legalHold ? { ObjectLockLegalHoldStatus: record.legalHold } : {}),
  };
}

/**
 * The Object Lock checks of a delete: x-amz-bypass-governance-retention only on a bucket with
 * Object Lock, and a version deleted for good (a version id named) must not be protected. A delete
 * without a version id only adds a delete marker, which S3 allows on locked objects.
 */
export function checkDelete(
  core: S3Core,
  target: { bucket: string; key: string; versionId?: string },
  bypass: boolean | undefined,
  ctx: RequestContext | undefined,
): void {
  const configuration = lockConfiguration(core, target.bucket);
  if (bypass !== undefined && !configuration) throw ObjectLockErrors.bypassOutsideLock();
  if (!configuration || target.versionId === undefined) return;
  const version = core.versions.version(target.bucket, target.key, target.versionId);
  if (version) checkDeletable(core, version, bypass === true, ctx);
}

/**
 * The protocol refuses a header it cannot read as its type with a generic error; for
 * x-amz-object-lock-retain-until-date S3 answers InvalidArgument. Only consulted on the error path.
 */
export function unreadableRetainUntil(
  req: Pick<HttpRequest, 'headers'>,
  error: unknown,
): AwsError | undefined {
  if (!isAwsError(error) || error.code !== 'MalformedXML') return undefined;
  const text = header(req, 'x-amz-object-lock-retain-until-date');
  if (text === undefined || parseScalarText('timestamp', text, false) !== undefined) return undefined;
  return ObjectLockErrors.unreadableDate(text);
}
