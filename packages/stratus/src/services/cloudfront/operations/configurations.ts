import type { AwsError } from '../../../protocol/errors.ts';
import type { Operation, RequestContext } from '../../service.ts';
import { type CloudFrontCore, checkIfMatch } from '../core.ts';
import { CloudFrontErrors } from '../errors.ts';
import { canonicalUserId, etag, policyId, resourceId } from '../ids.ts';
import type { ResourceKind, StoredResource } from '../store.ts';

/**
 * The configurations distributions refer to (OAC, OAI, cache, origin request and response headers
 * policies) share one life: Create returns the resource with its Location and ETag, Get returns it
 * with its ETag, Delete needs the ETag in If-Match.
 */
interface ConfigurationKind {
  readonly kind: ResourceKind;
  /** The API's name of the resource, e.g. `OriginAccessControl` (its config is `<name>Config`). */
  readonly name: string;
  /** The Location path after `/2020-05-31/`. */
  readonly path: string;
  readonly newId: () => string;
  readonly notFound: () => AwsError;
  /** Members the resource carries beside its id and config. */
  readonly extra: (stored: StoredResource) => Record<string, unknown>;
}

const KINDS: readonly ConfigurationKind[] = [
  {
    kind: 'origin-access-control',
    name: 'OriginAccessControl',
    path: 'origin-access-control',
    newId: resourceId,
    notFound: CloudFrontErrors.noSuchOriginAccessControl,
    extra: () => ({}),
  },
  {
    kind: 'origin-access-identity',
    name: 'CloudFrontOriginAccessIdentity',
    path: 'origin-access-identity/cloudfront',
    newId: resourceId,
    notFound: CloudFrontErrors.noSuchOriginAccessIdentity,
    extra: (stored) => ({ S3CanonicalUserId: stored.label }),
  },
  ...(
    [
      ['cache-policy', 'CachePolicy', CloudFrontErrors.noSuchCachePolicy],
      ['origin-request-policy', 'OriginRequestPolicy', CloudFrontErrors.noSuchOriginRequestPolicy],
      ['response-headers-policy', 'ResponseHeadersPolicy', CloudFrontErrors.noSuchResponseHeadersPolicy],
    ] as const
  ).map(([kind, name, notFound]) => ({
    kind,
    name,
    path: kind,
    newId: policyId,
    notFound,
    extra: (stored: StoredResource) => ({ LastModifiedTime: new Date(stored.modified) }),
  })),
];

/** Create, Get and Delete for every configuration kind, by operation name. */
export function configurationOperations(core: CloudFrontCore): Record<string, Operation> {
  const operations: Record<string, Operation> = {};
  for (const kind of KINDS) {
    operations[`Create${kind.name}`] = (input, ctx) => create(core, kind, input, ctx);
    operations[`Get${kind.name}`] = (input: { Id: string }, ctx) => {
      const stored = find(core, kind, input.Id, ctx);
      return { [kind.name]: resource(kind, stored), ETag: stored.etag };
    };
    operations[`Get${kind.name}Config`] = (input: { Id: string }, ctx) => {
      const stored = find(core, kind, input.Id, ctx);
      return { [`${kind.name}Config`]: stored.config, ETag: stored.etag };
    };
    operations[`Delete${kind.name}`] = (input: { Id: string; IfMatch?: string }, ctx) => {
      const stored = find(core, kind, input.Id, ctx);
      checkIfMatch(stored, input.IfMatch);
      core.store.delete(kind.kind, stored.id);
      return {};
    };
  }
  return operations;
}

function create(
  core: CloudFrontCore,
  kind: ConfigurationKind,
  input: Record<string, unknown>,
  ctx: RequestContext,
) {
  const now = core.clock.now();
  const stored: StoredResource = {
    account: ctx.accountId,
    kind: kind.kind,
    id: kind.newId(),
    ...(kind.kind === 'origin-access-identity' ? { label: canonicalUserId() } : {}),
    etag: etag(),
    created: now,
    modified: now,
    config: input[`${kind.name}Config`] as Record<string, unknown>,
  };
  core.store.put(stored);
  return {
    [kind.name]: resource(kind, stored),
    Location: `https://cloudfront.amazonaws.com/2020-05-31/${kind.path}/${stored.id}`,
    ETag: stored.etag,
  };
}

function find(
  core: CloudFrontCore,
  kind: ConfigurationKind,
  id: string,
  ctx: RequestContext,
): StoredResource {
  const stored = core.store.get(ctx.accountId, kind.kind, id);
  if (!stored) throw kind.notFound();
  return stored;
}

function resource(kind: ConfigurationKind, stored: StoredResource): Record<string, unknown> {
  return { Id: stored.id, ...kind.extra(stored), [`${kind.name}Config`]: stored.config };
}
