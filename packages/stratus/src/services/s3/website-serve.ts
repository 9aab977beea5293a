import { type HttpRequest, type HttpResponse, header } from '../../protocol/http.ts';
import type { RoutingRule, WebsiteConfiguration } from '../../protocol/models/types/s3.ts';
import type { S3Service } from './index.ts';
import { Site } from './website-objects.ts';
import { errorPage, redirect, type WebsiteFailure, websiteFailures } from './website-pages.ts';

/**
 * One request to a bucket's website endpoint, as S3 answers it: anonymous, GET and HEAD only;
 * RedirectAllRequestsTo, then routing rules on the key, then the object (the index document for a
 * folder, a 302 to the folder for `/docs` when only `docs/index.html` exists, a 301 for an object
 * with a website redirect location), then error-code routing rules, the error document, or an
 * HTML error page.
 */
export async function serveWebsite(
  service: S3Service,
  req: HttpRequest,
  bucketName: string,
  requestId: string,
): Promise<HttpResponse> {
  const head = req.method === 'HEAD';
  const page = (failure: WebsiteFailure, document?: WebsiteFailure) =>
    errorPage(failure, { requestId, head, document });
  if (req.method !== 'GET' && !head) return page(websiteFailures.methodNotAllowed(req.method));
  const bucket = service.core.store.bucket(bucketName);
  if (!bucket) return page(websiteFailures.noSuchBucket(bucketName));
  const config = service.core.configs.get<WebsiteConfiguration>(bucketName, 'website');
  if (!config) return page(websiteFailures.noWebsite(bucketName));
  const site = new Site(service, req, bucket, requestId);
  const key = req.path.replace(/^\//, '');
  if (config.RedirectAllRequestsTo) {
    const { Protocol, HostName } = config.RedirectAllRequestsTo;
    return redirect(301, `${Protocol ?? req.scheme}://${HostName}${req.rawPath}${query(req)}`, requestId);
  }
  const rules = config.RoutingRules ?? [];
  const early = rules.find(
    (rule) => !rule.Condition?.HttpErrorCodeReturnedEquals && prefixMatches(rule, key),
  );
  if (early) return ruleRedirect(early, key, req, requestId);
  const suffix = config.IndexDocument?.Suffix ?? 'index.html';
  const objectKey = key === '' || key.endsWith('/') ? `${key}${suffix}` : key;
  if (objectKey === key && !site.stored(key) && site.readable(`${key}/${suffix}`))
    return redirect(302, `/${encodePath(key)}/`, requestId);
  let outcome = await site.fetch(objectKey, true);
  if ('response' in outcome) return outcome.response;
  const failure = outcome.failure;
  const late = rules.find(
    (rule) =>
      rule.Condition?.HttpErrorCodeReturnedEquals === String(failure.status) && prefixMatches(rule, key),
  );
  if (late) return ruleRedirect(late, key, req, requestId);
  if (!config.ErrorDocument?.Key || ![403, 404].includes(failure.status)) return page(failure);
  outcome = await site.fetch(config.ErrorDocument.Key, false);
  if ('failure' in outcome) return page(failure, outcome.failure);
  return { ...outcome.response, status: failure.status };
}

function prefixMatches(rule: RoutingRule, key: string): boolean {
  return key.startsWith(rule.Condition?.KeyPrefixEquals ?? '');
}

/** A routing rule's redirect: its host and protocol (else the request's), the key replaced as it says. */
function ruleRedirect(rule: RoutingRule, key: string, req: HttpRequest, requestId: string): HttpResponse {
  const target = rule.Redirect;
  const prefix = rule.Condition?.KeyPrefixEquals ?? '';
  const newKey =
    target.ReplaceKeyWith ??
    (target.ReplaceKeyPrefixWith !== undefined
      ? target.ReplaceKeyPrefixWith + key.slice(prefix.length)
      : key);
  const host = target.HostName ?? header(req, 'host') ?? req.hostname;
  const location = `${target.Protocol ?? req.scheme}://${host}/${encodePath(newKey)}`;
  return redirect(Number(target.HttpRedirectCode ?? 301), location, requestId);
}

function encodePath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function query(req: HttpRequest): string {
  return req.rawQuery ? `?${req.rawQuery}` : '';
}
