import type { HeadObjectOutput } from '../../protocol/models/types/s3.ts';
import { lockOutput } from './object-lock.ts';
import type { ObjectHeaders, ObjectRecord } from './store.ts';

/** The header members GetObject and HeadObject both answer for an object. */
export function objectOutput(object: ObjectRecord, withChecksum: boolean): HeadObjectOutput {
  const { Expires, ...headers } = object.headers;
  const output: HeadObjectOutput = {
    AcceptRanges: 'bytes',
    LastModified: new Date(object.lastModified),
    ContentLength: object.size,
    ETag: object.etag,
    ContentType: 'binary/octet-stream',
    ...headers,
    Metadata: object.metadata,
    ...lockOutput(object),
  };
  if (Expires !== undefined) output.Expires = new Date(Expires);
  if (object.versionId !== undefined) output.VersionId = object.versionId;
  // S3 sends x-amz-storage-class for every class but STANDARD.
  if (object.storageClass !== undefined && object.storageClass !== 'STANDARD')
    output.StorageClass = object.storageClass;
  if (withChecksum && object.checksum) {
    output[`Checksum${object.checksum.algorithm}`] = object.checksum.value;
  }
  return output;
}

/** The headers an upload sets on the object it creates. */
export function headersFrom(
  input: Omit<ObjectHeaders, 'Expires'> & { Expires?: Date | string },
): ObjectHeaders {
  const headers: ObjectHeaders = {};
  const keys = [
    'ContentType',
    'CacheControl',
    'ContentDisposition',
    'ContentEncoding',
    'ContentLanguage',
    'WebsiteRedirectLocation',
  ] as const;
  for (const key of keys) if (input[key] !== undefined) headers[key] = input[key];
  if (input.Expires !== undefined) headers.Expires = new Date(input.Expires).toISOString();
  return headers;
}
