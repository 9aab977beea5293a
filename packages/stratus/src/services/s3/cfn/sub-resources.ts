import { type ResourceContext, requestContext } from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { BucketConfigKind } from '../bucket-config.ts';
import type { S3Service } from '../index.ts';
import { lifecycleConfiguration } from './bucket-lifecycle.ts';
import {
  type BucketProps,
  corsConfiguration,
  encryptionConfiguration,
  notificationConfiguration,
  objectLockConfiguration,
  publicAccessBlock,
  websiteConfiguration,
} from './bucket-properties.ts';

/** One configuration a bucket's template property sets, and the S3 operations that set and remove it. */
interface SubResource {
  readonly prop: keyof BucketProps;
  readonly kind: BucketConfigKind;
  readonly put: string;
  /** The member of `put`'s input that carries the configuration. */
  readonly member: string;
  readonly convert: (value: any) => unknown;
  /** How the property's removal is applied: an operation, or a configuration to put instead. */
  readonly remove: { readonly operation: string } | { readonly put: unknown };
}

const SUB_RESOURCES: readonly SubResource[] = [
  {
    prop: 'VersioningConfiguration',
    kind: 'versioning',
    put: 'PutBucketVersioning',
    member: 'VersioningConfiguration',
    convert: (v) => ({ Status: v.Status }),
    // A bucket's versioning can be suspended, never switched off.
    remove: { put: { Status: 'Suspended' } },
  },
  {
    prop: 'CorsConfiguration',
    kind: 'cors',
    put: 'PutBucketCors',
    member: 'CORSConfiguration',
    convert: corsConfiguration,
    remove: { operation: 'DeleteBucketCors' },
  },
  {
    prop: 'LifecycleConfiguration',
    kind: 'lifecycle',
    put: 'PutBucketLifecycleConfiguration',
    member: 'LifecycleConfiguration',
    convert: lifecycleConfiguration,
    remove: { operation: 'DeleteBucketLifecycle' },
  },
  {
    prop: 'WebsiteConfiguration',
    kind: 'website',
    put: 'PutBucketWebsite',
    member: 'WebsiteConfiguration',
    convert: websiteConfiguration,
    remove: { operation: 'DeleteBucketWebsite' },
  },
  {
    prop: 'PublicAccessBlockConfiguration',
    kind: 'publicAccessBlock',
    put: 'PutPublicAccessBlock',
    member: 'PublicAccessBlockConfiguration',
    convert: publicAccessBlock,
    remove: { operation: 'DeletePublicAccessBlock' },
  },
  {
    prop: 'OwnershipControls',
    kind: 'ownershipControls',
    put: 'PutBucketOwnershipControls',
    member: 'OwnershipControls',
    convert: (v) => ({ Rules: v.Rules }),
    remove: { operation: 'DeleteBucketOwnershipControls' },
  },
  {
    prop: 'BucketEncryption',
    kind: 'encryption',
    put: 'PutBucketEncryption',
    member: 'ServerSideEncryptionConfiguration',
    convert: encryptionConfiguration,
    remove: { operation: 'DeleteBucketEncryption' },
  },
  {
    prop: 'Tags',
    kind: 'tagging',
    put: 'PutBucketTagging',
    member: 'Tagging',
    convert: (tags: { Key: string; Value: string }[]) => ({
      TagSet: tags.map(({ Key, Value }) => ({ Key, Value })),
    }),
    remove: { operation: 'DeleteBucketTagging' },
  },
  {
    prop: 'NotificationConfiguration',
    kind: 'notification',
    put: 'PutBucketNotificationConfiguration',
    member: 'NotificationConfiguration',
    convert: notificationConfiguration,
    remove: { put: {} },
  },
  {
    // After versioning: Object Lock needs it Enabled. Removing the property clears the default
    // retention; Object Lock itself stays on, as in S3.
    prop: 'ObjectLockConfiguration',
    kind: 'objectLock',
    put: 'PutObjectLockConfiguration',
    member: 'ObjectLockConfiguration',
    convert: objectLockConfiguration,
    remove: { put: { ObjectLockEnabled: 'Enabled' } },
  },
];

/**
 * Applies every configuration property that differs from `previous` (all of them on create)
 * through S3's own operations. An operation Stratus does not serve yet is stood in for by
 * storing the configuration the operation would have stored.
 */
export async function applySubResources(
  service: S3Service,
  bucket: string,
  props: BucketProps,
  previous: BucketProps | undefined,
  ctx: ResourceContext,
): Promise<void> {
  for (const sub of SUB_RESOURCES) {
    const value = props[sub.prop];
    const before = previous?.[sub.prop];
    if (JSON.stringify(value) === JSON.stringify(before)) continue;
    if (value !== undefined) await put(service, bucket, sub, sub.convert(value), ctx);
    else if ('put' in sub.remove) await put(service, bucket, sub, sub.remove.put, ctx);
    else await remove(service, bucket, sub, sub.remove.operation, ctx);
  }
}

async function put(
  service: S3Service,
  bucket: string,
  sub: SubResource,
  document: unknown,
  ctx: ResourceContext,
): Promise<void> {
  const operation = service.operations[sub.put];
  if (operation) {
    await operation({ Bucket: bucket, [sub.member]: document }, requestContext(ctx, 's3', sub.put));
  } else if (document && typeof document === 'object' && Object.keys(document).length === 0) {
    service.core.configs.delete(bucket, sub.kind);
  } else {
    service.core.configs.put(bucket, sub.kind, document);
  }
}

async function remove(
  service: S3Service,
  bucket: string,
  sub: SubResource,
  name: string,
  ctx: ResourceContext,
): Promise<void> {
  const operation = service.operations[name];
  if (!operation) {
    service.core.configs.delete(bucket, sub.kind);
    return;
  }
  try {
    await operation({ Bucket: bucket }, requestContext(ctx, 's3', name));
  } catch (error) {
    if (!isAwsError(error) || error.status !== 404) throw error;
  }
}
