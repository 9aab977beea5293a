import { randomUUID } from 'node:crypto';
import { anonymousPrincipal, type Principal } from '../../../iam/principal.ts';
import type { Security } from '../../../iam/security.ts';
import { AwsError, isAwsError } from '../../../protocol/errors.ts';
import { type HttpRequest, type HttpResponse, header } from '../../../protocol/http.ts';
import { encodeError, encodeResponse } from '../../../protocol/index.ts';
import type { AwsService, RequestContext } from '../../service.ts';

/** A bucket as an S3 origin names it: `bucket.s3.amazonaws.com`, `bucket.s3.<region>.amazonaws.com`, `bucket.s3-<region>…`. */
const S3_ORIGIN =
  /^(.+?)\.s3(?:[.-](?:dualstack\.)?([a-z]{2}(?:-[a-z]+)+-\d))?\.(?:amazonaws\.com|localhost)$/;

export function s3OriginBucket(domainName: string): { bucket: string; region?: string } | undefined {
  const match = S3_ORIGIN.exec(domainName.toLowerCase());
  return match ? { bucket: match[1]!, region: match[2] } : undefined;
}

export interface S3OriginRead {
  readonly s3: AwsService;
  readonly security: Security;
  readonly bucket: string;
  readonly region: string;
  /** The distribution's account: its bucket's policy is evaluated for CloudFront's request. */
  readonly account: string;
  readonly key: string;
  /** Set for an origin access control that signs: CloudFront's service principal with this source. */
  readonly sourceArn?: string;
  /** Set for a legacy origin access identity: CloudFront reads as that identity. */
  readonly identity?: { readonly id: string; readonly canonicalUserId: string };
}

/**
 * CloudFront's request to an S3 origin, made in-process through S3's own operations and IAM: with
 * an origin access control, as the service principal `cloudfront.amazonaws.com` carrying
 * `aws:SourceArn` (the distribution) and `aws:SourceAccount`, so a bucket policy with the OAC
 * condition decides; otherwise anonymously (the bucket must be public). S3's answer, error
 * included, is what the viewer gets.
 */
export async function readS3Origin(read: S3OriginRead, req: HttpRequest): Promise<HttpResponse> {
  const requestId = randomUUID();
  const head = req.method === 'HEAD';
  const operation = read.key === '' ? 'ListObjects' : head ? 'HeadObject' : 'GetObject';
  const input: Record<string, unknown> =
    read.key === '' ? { Bucket: read.bucket } : { Bucket: read.bucket, Key: read.key, ...conditions(req) };
  const ctx: RequestContext = {
    requestId,
    region: read.region,
    accountId: read.account,
    service: 's3',
    operation,
    principal: read.sourceArn
      ? cloudFrontPrincipal(read.account, read.sourceArn)
      : read.identity
        ? originAccessIdentityPrincipal(read.account, read.identity)
        : anonymousPrincipal(read.account),
    // CloudFront reaches S3 over HTTPS whatever the viewer used (aws:SecureTransport is true).
    request: { ...req, scheme: 'https' },
  };
  try {
    if (req.method !== 'GET' && !head) {
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
        status: 405,
      });
    }
    read.security.authorizeOperation(read.s3, operation, input, ctx);
    const output = (await read.s3.operations[operation]!(input, ctx)) as Record<string, unknown>;
    const response = encodeResponse(read.s3.model, operation, output, { requestId });
    if (output.ContentRange !== undefined) response.status = 206;
    return response;
  } catch (error) {
    if (!isAwsError(error)) throw error;
    if (error.status === 304) return { status: 304, headers: {} };
    return encodeError(read.s3.model, error, { requestId, request: req });
  }
}

/**
 * AWS's service principal for CloudFront. Stratus's IAM has no principal type for services: a
 * session-like principal of the distribution's account with no identity policies of its own, so
 * only a resource policy naming `Service: cloudfront.amazonaws.com` (and its conditions) lets it in.
 */
function cloudFrontPrincipal(account: string, sourceArn: string): Principal {
  return {
    type: 'AssumedRole',
    accountId: account,
    arn: 'cloudfront.amazonaws.com',
    userId: 'cloudfront.amazonaws.com',
    sessionContext: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': account },
    temporary: true,
  };
}

/**
 * A legacy origin access identity, as bucket policies name it: the principal
 * `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>` or the `CanonicalUser` of its
 * S3 canonical user id. Like the service principal, it has no policies of its own.
 */
function originAccessIdentityPrincipal(
  account: string,
  identity: { readonly id: string; readonly canonicalUserId: string },
): Principal {
  const arn = `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${identity.id}`;
  return {
    type: 'AssumedRole',
    accountId: account,
    arn,
    userId: identity.id,
    sessionContext: {},
    temporary: true,
    canonicalUserId: identity.canonicalUserId,
  };
}

/** The conditional and range headers CloudFront forwards to S3. */
function conditions(req: HttpRequest): Record<string, unknown> {
  const date = (name: string) => {
    const value = header(req, name);
    return value === undefined || Number.isNaN(Date.parse(value)) ? undefined : new Date(value);
  };
  const out: Record<string, unknown> = {
    IfMatch: header(req, 'if-match'),
    IfNoneMatch: header(req, 'if-none-match'),
    IfModifiedSince: date('if-modified-since'),
    IfUnmodifiedSince: date('if-unmodified-since'),
    Range: header(req, 'range'),
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
