import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../iam/principal.ts';

/** Who S3 names as the actor of its own (lifecycle) events. */
const S3_SERVICE = 's3.amazonaws.com';

/** What happened to which object, as an event record tells it. */
export interface ObjectEvent {
  /** `ObjectCreated:Put`, `ObjectRemoved:Delete`, … (without the `s3:` of configurations). */
  readonly name: string;
  readonly bucket: string;
  readonly key: string;
  readonly size?: number;
  /** Quoted or not; the record carries it unquoted. */
  readonly etag?: string;
  readonly versionId?: string;
  /** A lifecycle transition's new storage class. */
  readonly destinationStorageClass?: string;
}

/** Who asked and where, for userIdentity, requestParameters and responseElements. */
export interface EventRequest {
  readonly requestId: string;
  readonly principal?: Principal;
  readonly sourceIp: string;
  /** S3 itself (a lifecycle rule): principal and source `s3.amazonaws.com`, event structure 2.3. */
  readonly lifecycle?: boolean;
}

export interface RecordContext {
  readonly region: string;
  readonly account: string;
  readonly time: number;
  readonly sequencer: string;
  readonly configurationId: string;
}

/** One S3 event record, shaped as AWS sends it (event structure 2.1; 2.3 for lifecycle events). */
export function eventRecord(event: ObjectEvent, request: EventRequest, ctx: RecordContext) {
  const object: Record<string, unknown> = { key: encodeEventKey(event.key) };
  if (event.size !== undefined) object.size = event.size;
  if (event.etag !== undefined) object.eTag = event.etag.replaceAll('"', '');
  if (event.versionId !== undefined) object.versionId = event.versionId;
  object.sequencer = ctx.sequencer;
  const record = {
    eventVersion: request.lifecycle ? '2.3' : '2.1',
    eventSource: 'aws:s3',
    awsRegion: ctx.region,
    eventTime: new Date(ctx.time).toISOString(),
    eventName: event.name,
    userIdentity: {
      principalId: request.lifecycle ? S3_SERVICE : principalIdOf(request.principal, ctx.account),
    },
    requestParameters: { sourceIPAddress: request.lifecycle ? S3_SERVICE : request.sourceIp },
    responseElements: {
      'x-amz-request-id': requestIdOf(request.requestId),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: ctx.configurationId,
      bucket: {
        name: event.bucket,
        ownerIdentity: { principalId: customerIdOf(ctx.account) },
        arn: `arn:aws:s3:::${event.bucket}`,
      },
      object,
    },
  };
  if (event.destinationStorageClass === undefined) return record;
  const transitionEventData = { destinationStorageClass: event.destinationStorageClass };
  return { ...record, lifecycleEventData: { transitionEventData } };
}

/**
 * Keys arrive URL-encoded as S3 encodes them (form encoding: a space is `+`, `/` stays), so
 * `photos/red flower.jpg` is `photos/red+flower.jpg`.
 */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%2F', '/')
    .replaceAll('%20', '+');
}

/** S3's request ids are 16 upper-case hex digits: the request's own (request-ids.ts), else one derived from it. */
function requestIdOf(requestId: string): string {
  if (/^[0-9A-F]{16}$/.test(requestId)) return requestId;
  return createHash('md5').update(requestId).digest('hex').slice(0, 16).toUpperCase();
}

/** The requester as S3 names it: `AWS:<user id>` for IAM users and role sessions, the customer id for root. */
function principalIdOf(principal: Principal | undefined, account: string): string {
  if (!principal || principal.type === 'Root') return customerIdOf(principal?.accountId ?? account);
  if (principal.type === 'Anonymous') return 'ANONYMOUS_PRINCIPAL';
  return `AWS:${principal.userId}`;
}

/** An account's Amazon customer id (`A` and 13 upper-case letters and digits), stable per account. */
export function customerIdOf(account: string): string {
  const digest = createHash('sha256').update(`customer:${account}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `A${[...digest.subarray(0, 13)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}
