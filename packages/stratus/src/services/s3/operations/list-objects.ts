import type {
  ListObjectsOutput,
  ListObjectsRequest,
  ObjectStorageClass,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, requireBucket, type S3Core } from '../core.ts';
import { keyEncoder, listPage, pageSize } from '../listing.ts';

/** Version 1 listing: pages by Marker; NextMarker only when a delimiter is given (as AWS does). */
export function listObjects(core: S3Core, input: ListObjectsRequest, ctx: RequestContext): ListObjectsOutput {
  const bucket = requireBucket(core, input.Bucket);
  const prefix = input.Prefix ?? '';
  const page = listPage(core.store, bucket.name, {
    prefix,
    delimiter: input.Delimiter || undefined,
    after: input.Marker || undefined,
    maxKeys: pageSize(input.MaxKeys),
  });
  const encode = keyEncoder(input.EncodingType);
  const owner = ownerOf(ctx.accountId);
  return {
    Name: bucket.name,
    Prefix: encode(prefix),
    Marker: encode(input.Marker ?? ''),
    ...(page.truncated && input.Delimiter ? { NextMarker: encode(page.last!) } : {}),
    ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
    MaxKeys: input.MaxKeys ?? 1000,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    IsTruncated: page.truncated,
    Contents: page.contents.map((object) => ({
      Key: encode(object.key),
      LastModified: new Date(object.lastModified),
      ETag: object.etag,
      Size: object.size,
      StorageClass: (object.storageClass ?? 'STANDARD') as ObjectStorageClass,
      Owner: owner,
    })),
    CommonPrefixes: page.commonPrefixes.map((common) => ({ Prefix: encode(common) })),
  };
}
