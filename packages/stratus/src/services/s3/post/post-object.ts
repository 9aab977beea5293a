import { Readable } from 'node:stream';
import type { SigningKeys } from '../../../iam/sigv4/signing-keys.ts';
import { AwsError } from '../../../protocol/errors.ts';
import { type HttpRequest, type HttpResponse, header } from '../../../protocol/http.ts';
import type { RequestContext } from '../../service.ts';
import { checkKey, requireBucket } from '../core.ts';
import { S3Errors } from '../errors.ts';
import type { S3Service } from '../index.ts';
import { withDefaultRetention } from '../object-lock.ts';
import { headersFrom } from '../object-output.ts';
import { commitObject } from '../operations/commit-object.ts';
import { parseTaggingHeader } from '../tagging.ts';
import { receiveBody } from '../upload.ts';
import { readPostForm } from './form.ts';
import { checkPostPolicy, parsePostPolicy } from './policy.ts';
import { postPrincipal } from './signature.ts';

/** A browser form upload: `POST /{bucket}` with multipart/form-data. */
export function isPostObject(req: HttpRequest, path: string): boolean {
  return (
    req.method === 'POST' &&
    /^\/[^/]+\/?$/.test(path) &&
    (header(req, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
  );
}

/**
 * PostObject: the policy's signature and conditions, then the authorization PutObject needs,
 * then the file streamed to disk (refused mid-stream past content-length-range) and committed
 * as any upload. Answers 204 (or success_action_status 200/201, or a 303 to success_action_redirect).
 */
export async function postObject(
  service: S3Service,
  req: HttpRequest,
  ctx: Omit<RequestContext, 'principal' | 'operation' | 'service'>,
  keys: SigningKeys,
): Promise<HttpResponse> {
  const { core } = service;
  const bucket = decodeURIComponent(req.path.split('/')[1] ?? '');
  requireBucket(core, bucket);
  if (!req.stream) throw S3Errors.malformedXml();
  const form = await readPostForm(req.stream, header(req, 'content-type')!);
  const { fields } = form;
  if (!fields.has('bucket')) fields.set('bucket', bucket);
  const rawKey = fields.get('key');
  if (rawKey === undefined)
    throw new AwsError(
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      {
        status: 400,
        fields: { ArgumentName: 'key', ArgumentValue: '' },
      },
    );
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal placeholder for the file's name.
  const key = rawKey.replaceAll('${filename}', form.filename ?? '');
  fields.set('key', key);
  checkKey(key);
  const now = core.clock.now();
  const principal = postPrincipal(service.deps.security, keys, fields, now);
  const policyText = fields.get('policy');
  const range =
    policyText === undefined ? undefined : checkPostPolicy(parsePostPolicy(policyText), fields, now);
  const callCtx: RequestContext = { ...ctx, service: 's3', operation: 'PutObject', principal, request: req };
  service.deps.security.authorizeOperation(service, 'PutObject', { Bucket: bucket, Key: key }, callCtx);
  const tags = parseTaggingHeader(fields.get('tagging'));
  const { staged } = await receiveBody(core, { Body: Readable.from(limited(form.file, range?.max)) });
  if (range && staged.size < range.min) {
    await core.bodies.discard(staged);
    throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      status: 400,
      fields: { ProposedSize: staged.size, MinSizeAllowed: range.min },
    });
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of fields) if (name.startsWith('x-amz-meta-')) metadata[name.slice(11)] = value;
  const record = await commitObject(core, staged, {
    bucket,
    key,
    size: staged.size,
    etag: `"${staged.md5}"`,
    lastModified: core.clock.now(),
    headers: headersFrom({
      ContentType: fields.get('content-type') ?? form.fileContentType,
      CacheControl: fields.get('cache-control'),
      ContentDisposition: fields.get('content-disposition'),
      ContentEncoding: fields.get('content-encoding'),
      Expires: fields.get('expires'),
    }),
    metadata,
    ...(tags ? { tags } : {}),
    ...withDefaultRetention(core, bucket, {}),
  });
  core.events.objectCreated(callCtx, 'Post', record);
  return answer(req, fields, bucket, record.key, record.etag, record.versionId, ctx.requestId);
}

function answer(
  req: HttpRequest,
  fields: ReadonlyMap<string, string>,
  bucket: string,
  key: string,
  etag: string,
  versionId: string | undefined,
  requestId: string,
): HttpResponse {
  const location = `${req.scheme}://${header(req, 'host') ?? 'localhost'}/${bucket}/${encodeURIComponent(key)}`;
  const headers: Record<string, string> = { ETag: etag, Location: location, 'x-amz-request-id': requestId };
  if (versionId !== undefined) headers['x-amz-version-id'] = versionId;
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (redirect) {
    const url = new URL(redirect);
    url.searchParams.set('bucket', bucket);
    url.searchParams.set('key', key);
    url.searchParams.set('etag', etag);
    return { status: 303, headers: { ...headers, Location: url.toString() } };
  }
  const status = fields.get('success_action_status');
  if (status === '201') {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`;
    return { status: 201, headers: { ...headers, 'Content-Type': 'application/xml' }, body };
  }
  return { status: status === '200' ? 200 : 204, headers };
}

/** Stops the upload as soon as it passes the policy's maximum. */
async function* limited(file: AsyncIterable<Buffer>, max: number | undefined): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (max !== undefined && size > max) throw S3Errors.entityTooLarge(size, max);
    yield chunk;
  }
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
