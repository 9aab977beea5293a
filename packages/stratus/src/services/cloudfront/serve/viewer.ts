import { Readable } from 'node:stream';
import type { Security } from '../../../iam/security.ts';
import type { Logger } from '../../../logger.ts';
import { type HttpRequest, type HttpResponse, safeDecode } from '../../../protocol/http.ts';
import type {
  DistributionConfig,
  ResponseHeadersPolicyConfig,
} from '../../../protocol/models/types/cloudfront.ts';
import type { AwsService } from '../../service.ts';
import type { CloudFrontCore, StoredDistribution } from '../core.ts';
import { cloudFrontRequestId, distributionArn } from '../ids.ts';
import { allowsMethod, type Behaviour, behaviourFor } from './behaviours.ts';
import { fetchCustomOrigin, OriginUnreachable } from './custom-origin.ts';
import { applyResponseHeadersPolicy, edgeHeaders } from './headers.ts';
import { errorPage, ViewerFailures } from './pages.ts';
import { readS3Origin, s3OriginBucket } from './s3-origin.ts';

export interface ViewerDeps {
  readonly core: CloudFrontCore;
  readonly s3: () => AwsService;
  readonly security: Security;
  readonly ports: () => { readonly http: number; readonly https?: number };
  readonly defaultRegion: string;
  readonly logger: Logger;
}

/** Which distribution a viewer request is for, and its path as CloudFront sees it. */
export interface ViewerTarget {
  /** The host's first label: the distribution's domain label or its id. */
  readonly label: string;
  /** The request path after any Stratus prefix, still percent-encoded. */
  readonly rawPath: string;
  /** `/_stratus/cloudfront/<id>` for path-style requests, else empty: redirects keep it. */
  readonly prefix: string;
}

/**
 * One viewer request, as a CloudFront edge answers it: the distribution by host, its behaviour by
 * path pattern, the viewer protocol policy, the allowed methods, the default root object, the
 * origin's answer (no caching: every request reaches the origin), custom error responses, the
 * response headers policy, and CloudFront's own headers.
 */
export async function serveViewer(
  deps: ViewerDeps,
  req: HttpRequest,
  target: ViewerTarget,
): Promise<HttpResponse> {
  const requestId = cloudFrontRequestId();
  const head = req.method === 'HEAD';
  const fail = (failure: Parameters<typeof errorPage>[0]) =>
    edgeHeaders(errorPage(failure, requestId, head), target.label, requestId, true);
  const distribution = deps.core.store.distributionByHost<DistributionConfig>(target.label);
  if (!distribution) return fail(ViewerFailures.badRequest);
  const config = distribution.config;
  if (!config.Enabled) return fail(ViewerFailures.disabled);
  const behaviour = behaviourFor(config, safeDecode(target.rawPath));
  const https = deps.ports().https;
  if (req.scheme === 'http' && https !== undefined) {
    if (behaviour.ViewerProtocolPolicy === 'https-only') return fail(ViewerFailures.httpsOnly);
    if (behaviour.ViewerProtocolPolicy === 'redirect-to-https') {
      const query = req.rawQuery ? `?${req.rawQuery}` : '';
      const location = `https://${req.hostname}:${https}${target.prefix}${target.rawPath}${query}`;
      return edgeHeaders(redirect(location), target.label, requestId, false);
    }
  }
  if (!allowsMethod(behaviour, req.method)) return fail(ViewerFailures.method);
  const root =
    target.rawPath === '/' && config.DefaultRootObject ? `/${config.DefaultRootObject}` : target.rawPath;
  let response = await fromOrigin(deps, distribution, behaviour, root, req, requestId);
  const error = response.status >= 400;
  if (error) response = await customError(deps, distribution, response, req, requestId);
  const policyId = behaviour.ResponseHeadersPolicyId;
  const policy = policyId
    ? deps.core.store.get<ResponseHeadersPolicyConfig>(
        distribution.account,
        'response-headers-policy',
        policyId,
      )
    : undefined;
  if (policy) applyResponseHeadersPolicy(response, policy.config);
  return edgeHeaders(response, distribution.label ?? target.label, requestId, error);
}

async function fromOrigin(
  deps: ViewerDeps,
  distribution: StoredDistribution,
  behaviour: Behaviour,
  rawPath: string,
  req: HttpRequest,
  requestId: string,
): Promise<HttpResponse> {
  const origin = distribution.config.Origins.Items?.find((o) => o.Id === behaviour.TargetOriginId);
  if (!origin) return errorPage(ViewerFailures.originUnreachable, requestId, req.method === 'HEAD');
  const s3 = origin.CustomOriginConfig ? undefined : s3OriginBucket(origin.DomainName);
  if (!s3) {
    try {
      const timeoutMs = (origin.CustomOriginConfig?.OriginReadTimeout ?? 30) * 1000;
      return await fetchCustomOrigin(origin, rawPath, req, { stratusPort: deps.ports().http, timeoutMs });
    } catch (error) {
      if (!(error instanceof OriginUnreachable)) throw error;
      deps.logger.warn(`CloudFront ${distribution.id}: origin ${origin.DomainName}: ${error.message}`);
      const failure = error.timedOut ? ViewerFailures.originTimeout : ViewerFailures.originUnreachable;
      return errorPage(failure, requestId, req.method === 'HEAD');
    }
  }
  const oac = origin.OriginAccessControlId
    ? deps.core.store.get<{ SigningBehavior?: string }>(
        distribution.account,
        'origin-access-control',
        origin.OriginAccessControlId,
      )
    : undefined;
  const behaviourOfOac = oac?.config.SigningBehavior ?? 'never';
  // `no-override`: a viewer's own Authorization header goes to S3 unsigned by CloudFront.
  const signs =
    behaviourOfOac === 'always' || (behaviourOfOac === 'no-override' && !req.headers.authorization);
  const key = `${origin.OriginPath ?? ''}${safeDecode(rawPath)}`.replace(/^\//, '');
  return readS3Origin(
    {
      s3: deps.s3(),
      security: deps.security,
      bucket: s3.bucket,
      region: s3.region ?? deps.defaultRegion,
      account: distribution.account,
      key,
      sourceArn: signs ? distributionArn(distribution.account, distribution.id) : undefined,
      identity: signs ? undefined : originAccessIdentity(deps, distribution.account, origin),
    },
    req,
  );
}

/**
 * A CustomErrorResponse for the origin's status: the page at ResponsePagePath (fetched through its
 * own behaviour, unconditionally) with ResponseCode, as single-page apps use for deep links.
 */
async function customError(
  deps: ViewerDeps,
  distribution: StoredDistribution,
  response: HttpResponse,
  req: HttpRequest,
  requestId: string,
): Promise<HttpResponse> {
  const rule = distribution.config.CustomErrorResponses?.Items?.find((r) => r.ErrorCode === response.status);
  if (!rule) return response;
  const status = rule.ResponseCode ? Number(rule.ResponseCode) : response.status;
  if (!rule.ResponsePagePath) return { ...response, status };
  discard(response);
  const pageRequest: HttpRequest = {
    ...req,
    method: req.method === 'HEAD' ? 'HEAD' : 'GET',
    headers: withoutConditions(req.headers),
    body: Buffer.alloc(0),
  };
  const behaviour = behaviourFor(distribution.config, rule.ResponsePagePath);
  const page = await fromOrigin(deps, distribution, behaviour, rule.ResponsePagePath, pageRequest, requestId);
  return page.status >= 400 ? page : { ...page, status };
}

function withoutConditions(headers: HttpRequest['headers']): HttpRequest['headers'] {
  const copy = { ...headers };
  for (const name of ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'range'])
    delete copy[name];
  return copy;
}

function discard(response: HttpResponse): void {
  if (response.body instanceof Readable) response.body.destroy();
}

function redirect(location: string): HttpResponse {
  return {
    status: 301,
    headers: { Location: location, 'Content-Type': 'text/html', Server: 'CloudFront' },
    body:
      '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n' +
      '<hr><center>CloudFront</center>\r\n</body>\r\n</html>\r\n',
  };
}

/** The origin's legacy access identity (`origin-access-identity/cloudfront/<id>`), if it names one that exists. */
function originAccessIdentity(
  deps: ViewerDeps,
  account: string,
  origin: { readonly S3OriginConfig?: { readonly OriginAccessIdentity?: string } },
): { id: string; canonicalUserId: string } | undefined {
  const id = /^origin-access-identity\/cloudfront\/(.+)$/.exec(
    origin.S3OriginConfig?.OriginAccessIdentity ?? '',
  )?.[1];
  const stored = id ? deps.core.store.get(account, 'origin-access-identity', id) : undefined;
  return id && stored?.label ? { id, canonicalUserId: stored.label } : undefined;
}
