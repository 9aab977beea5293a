import type {
  ListObjectsV2Output,
  ListObjectsV2Request,
  ObjectStorageClass,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, requireBucket, type S3Core } from '../core.ts';
import { S3Errors } from '../errors.ts';
import { keyEncoder, listPage, pageSize } from '../listing.ts';

export function listObjectsV2(
  core: S3Core,
  input: ListObjectsV2Request,
  ctx: RequestContext,
): ListObjectsV2Output {
  const bucket = requireBucket(core, input.Bucket);
  const prefix = input.Prefix ?? '';
  const token = input.ContinuationToken === undefined ? undefined : readToken(input.ContinuationToken);
  const maxKeys = pageSize(input.MaxKeys);
  const page = listPage(core.store, bucket.name, {
    prefix,
    delimiter: input.Delimiter || undefined,
    after: token ?? input.StartAfter,
    maxKeys,
  });
  const encode = keyEncoder(input.EncodingType);
  const owner = input.FetchOwner ? ownerOf(ctx.accountId) : undefined;
  return {
    Name: bucket.name,
    Prefix: encode(prefix),
    ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
    MaxKeys: input.MaxKeys ?? 1000,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    KeyCount: page.contents.length + page.commonPrefixes.length,
    IsTruncated: page.truncated,
    ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
    ...(page.truncated
      ? { NextContinuationToken: Buffer.from(page.last!, 'utf8').toString('base64url') }
      : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: encode(input.StartAfter) } : {}),
    Contents: page.contents.map((object) => ({
      Key: encode(object.key),
      LastModified: new Date(object.lastModified),
      ETag: object.etag,
      ...(object.checksum ? { ChecksumAlgorithm: [object.checksum.algorithm] } : {}),
      Size: object.size,
      StorageClass: (object.storageClass ?? 'STANDARD') as ObjectStorageClass,
      ...(owner ? { Owner: owner } : {}),
    })),
    CommonPrefixes: page.commonPrefixes.map((common) => ({ Prefix: encode(common) })),
  };
}

function readToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || Buffer.from(key, 'utf8').toString('base64url') !== token)
    throw S3Errors.invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  return key;
}
