import { S3Errors } from './errors.ts';

/** `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=…`. */
export function parseCopySource(source: string): { bucket: string; key: string; versionId?: string } {
  const queryAt = source.indexOf('?');
  const path = queryAt === -1 ? source : source.slice(0, queryAt);
  const versionId =
    queryAt === -1
      ? undefined
      : (new URLSearchParams(source.slice(queryAt + 1)).get('versionId') ?? undefined);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.startsWith('/') ? path.slice(1) : path);
  } catch {
    throw S3Errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', source);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1)
    throw S3Errors.invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      source,
    );
  return {
    bucket: decoded.slice(0, slash),
    key: decoded.slice(slash + 1),
    ...(versionId ? { versionId } : {}),
  };
}
