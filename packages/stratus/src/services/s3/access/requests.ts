import type { AccessRequest, PolicyDocument } from '../../../iam/policy/types.ts';
import type { ContextValue } from '../../../iam/principal.ts';
import type { RequestContext } from '../../service.ts';
import { parseCopySource } from '../copy-source.ts';
import { BUCKET_ACTIONS, OBJECT_ACTIONS } from './actions.ts';

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/** Condition keys a request made on a service's behalf carries (CloudFront OAC's `aws:SourceArn`). */
const SOURCE_KEYS = ['aws:SourceArn', 'aws:SourceAccount'] as const;

export interface BucketAccess {
  readonly policy?: PolicyDocument;
  readonly account?: string;
}

/**
 * What an S3 call asks IAM for: the operation's action on the bucket or object ARN, with S3's
 * condition keys and the bucket policy as the resource policy. A copy also reads its source;
 * DeleteObjects deletes each key; tags sent with an upload also need s3:PutObjectTagging.
 */
export function accessRequests(
  operation: string,
  input: Record<string, any>,
  ctx: RequestContext,
  lookup: (bucket: string) => BucketAccess,
): AccessRequest[] {
  const bucket = input.Bucket as string | undefined;
  if (operation === 'ListBuckets' || bucket === undefined)
    return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  const context = baseContext(ctx);
  const found = new Map<string, BucketAccess>();
  const access = (target: string) => {
    let known = found.get(target);
    if (!known) found.set(target, (known = lookup(target)));
    return known;
  };
  // The bucket's policy is read only if something evaluates it (root's requests never are).
  const on = (action: string, resource: string, extra: Record<string, ContextValue | undefined> = {}) => {
    const target = resource.slice('arn:aws:s3:::'.length).split('/')[0]!;
    return {
      action,
      resource,
      context: { ...context, ...extra },
      get resourcePolicy() {
        return access(target).policy;
      },
      get resourceAccount() {
        return access(target).account;
      },
    };
  };
  const objectPair = OBJECT_ACTIONS[operation];
  if (operation === 'DeleteObjects') {
    const objects = (input.Delete?.Objects ?? []) as { Key: string; VersionId?: string }[];
    return objects.map(({ Key, VersionId }) =>
      on(VersionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject', objectArn(bucket, Key)),
    );
  }
  if (!objectPair) {
    const action = BUCKET_ACTIONS[operation] ?? `s3:${operation}`;
    return [on(action, bucketArn(bucket), listingContext(operation, input))];
  }
  const key = input.Key as string;
  const versionId = input.VersionId as string | undefined;
  const requests = [
    on(versionId ? objectPair[1] : objectPair[0], objectArn(bucket, key), {
      ...(versionId ? { 's3:versionid': versionId } : {}),
    }),
  ];
  if (typeof input.CopySource === 'string') {
    const source = parseCopySource(input.CopySource);
    const action = source.versionId ? 's3:GetObjectVersion' : 's3:GetObject';
    requests.push(on(action, objectArn(source.bucket, source.key)));
  }
  if (input.Tagging !== undefined && (operation === 'PutObject' || operation === 'CreateMultipartUpload'))
    requests.push(on('s3:PutObjectTagging', objectArn(bucket, key)));
  // Lock headers on an upload also need the permission to set them.
  if (input.ObjectLockMode !== undefined) requests.push(on('s3:PutObjectRetention', objectArn(bucket, key)));
  if (input.ObjectLockLegalHoldStatus !== undefined)
    requests.push(on('s3:PutObjectLegalHold', objectArn(bucket, key)));
  return requests;
}

function baseContext(ctx: RequestContext): Record<string, ContextValue | undefined> {
  const context: Record<string, ContextValue | undefined> = {};
  const session = ctx.principal?.sessionContext ?? {};
  for (const key of SOURCE_KEYS) if (session[key] !== undefined) context[key] = session[key];
  return context;
}

function listingContext(
  operation: string,
  input: Record<string, any>,
): Record<string, ContextValue | undefined> {
  if (!operation.startsWith('ListObject')) return {};
  return {
    's3:prefix': input.Prefix ?? '',
    ...(input.Delimiter !== undefined ? { 's3:delimiter': input.Delimiter } : {}),
    ...(input.MaxKeys !== undefined ? { 's3:max-keys': String(input.MaxKeys) } : {}),
  };
}
