import type {
  DeleteMarkerEntry,
  ListObjectVersionsOutput,
  ListObjectVersionsRequest,
  ObjectVersion,
  ObjectVersionStorageClass,
} from '../../../protocol/models/types/s3.ts';
import type { RequestContext } from '../../service.ts';
import { ownerOf, requireBucket, type S3Core } from '../core.ts';
import { keyEncoder, pageSize } from '../listing.ts';
import { versioningStatus } from '../versioning.ts';
import type { VersionEntry } from '../versions-store.ts';

/**
 * Every version and delete marker under the prefix, by key and newest first, rolled up by the
 * delimiter; paged by key-marker and version-id-marker. A bucket never versioned lists each
 * object once as its `null` version.
 */
export function listObjectVersions(
  core: S3Core,
  input: ListObjectVersionsRequest,
  ctx: RequestContext,
): ListObjectVersionsOutput {
  const bucket = requireBucket(core, input.Bucket);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const maxKeys = pageSize(input.MaxKeys);
  const keyMarker = input.KeyMarker || undefined;
  const markerSeq =
    keyMarker && input.VersionIdMarker
      ? core.versions.seqOf(bucket.name, keyMarker, input.VersionIdMarker)
      : undefined;
  const owner = ownerOf(ctx.accountId);
  const encode = keyEncoder(input.EncodingType);
  const versions: ObjectVersion[] = [];
  const markers: DeleteMarkerEntry[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let truncated = false;
  let last: { key: string; versionId?: string } | undefined;
  const from = keyMarker && keyMarker > prefix ? keyMarker : prefix;
  for (const entry of entriesOf(core, bucket.name, from)) {
    const { record } = entry;
    if (!record.key.startsWith(prefix)) break;
    if (
      keyMarker !== undefined &&
      (record.key < keyMarker ||
        (record.key === keyMarker && (markerSeq === undefined || entry.seq >= markerSeq)))
    )
      continue;
    const at = delimiter ? record.key.indexOf(delimiter, prefix.length) : -1;
    const common = at === -1 ? undefined : record.key.slice(0, at + delimiter!.length);
    if (common !== undefined && (common === last?.key || (keyMarker !== undefined && common <= keyMarker)))
      continue;
    if (count === maxKeys) {
      truncated = true;
      break;
    }
    count++;
    if (common !== undefined) {
      commonPrefixes.push(common);
      last = { key: common };
      continue;
    }
    const versionId = record.versionId ?? 'null';
    last = { key: record.key, versionId };
    const base = {
      Key: encode(record.key),
      VersionId: versionId,
      IsLatest: entry.isLatest,
      LastModified: new Date(record.lastModified),
      Owner: owner,
    };
    if (record.deleteMarker) markers.push(base);
    else
      versions.push({
        ETag: record.etag,
        ...(record.checksum ? { ChecksumAlgorithm: [record.checksum.algorithm] } : {}),
        Size: record.size,
        // The late-2022 model lists only STANDARD here; S3 shows the version's class.
        StorageClass: (record.storageClass ?? 'STANDARD') as ObjectVersionStorageClass,
        ...base,
      });
  }
  return {
    IsTruncated: truncated,
    KeyMarker: encode(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    ...(truncated && last ? { NextKeyMarker: encode(last.key) } : {}),
    ...(truncated && last?.versionId ? { NextVersionIdMarker: last.versionId } : {}),
    Versions: versions,
    DeleteMarkers: markers,
    Name: bucket.name,
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: input.MaxKeys ?? 1000,
    CommonPrefixes: commonPrefixes.map((common) => ({ Prefix: encode(common) })),
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
  };
}

function* entriesOf(core: S3Core, bucket: string, from: string): Generator<VersionEntry> {
  if (versioningStatus(core, bucket) !== undefined) {
    yield* core.versions.entries(bucket, from);
    return;
  }
  for (const record of core.store.objects(bucket, from, undefined)) yield { record, seq: 1, isLatest: true };
}
