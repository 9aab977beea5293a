/**
 * S3's virtual-hosted style: `http://{bucket}.s3.localhost:4566/{key}` (and the AWS host
 * names) carry the bucket in the host; routing needs it back at the front of the path.
 */
const VIRTUAL_HOST =
  /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.(?:localhost|amazonaws\.com|localhost\.localstack\.cloud)$/;

export function virtualHostBucket(hostname: string): string | undefined {
  return VIRTUAL_HOST.exec(hostname)?.[1];
}

/** The path-style path of a request: `/{bucket}{path}` when the bucket is in the host. */
export function s3PathStyle(hostname: string, rawPath: string): string {
  const bucket = virtualHostBucket(hostname);
  return bucket === undefined ? rawPath : `/${encodeURIComponent(bucket)}${rawPath === '/' ? '' : rawPath}`;
}
