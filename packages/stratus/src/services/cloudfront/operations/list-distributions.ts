import type {
  DistributionConfig,
  DistributionSummary,
  ListDistributionsRequest,
  ListDistributionsResult,
} from '../../../protocol/models/types/cloudfront.ts';
import type { RequestContext } from '../../service.ts';
import { type CloudFrontCore, distributionOutput } from '../core.ts';
import { CloudFrontErrors } from '../errors.ts';

/** The account's distributions in id order, `MaxItems` (default 100) at a time after `Marker`. */
export function listDistributions(
  core: CloudFrontCore,
  input: ListDistributionsRequest,
  ctx: RequestContext,
): ListDistributionsResult {
  const maxItems = input.MaxItems === undefined ? 100 : Number(input.MaxItems);
  if (!Number.isInteger(maxItems) || maxItems < 0)
    throw CloudFrontErrors.invalidArgument('MaxItems must be a non-negative integer.');
  const marker = input.Marker ?? '';
  const all = core.store.list<DistributionConfig>(ctx.accountId, 'distribution').filter((d) => d.id > marker);
  const page = all.slice(0, maxItems);
  const truncated = all.length > page.length;
  return {
    DistributionList: {
      Marker: marker,
      MaxItems: maxItems,
      IsTruncated: truncated,
      Quantity: page.length,
      ...(truncated ? { NextMarker: page.at(-1)!.id } : {}),
      ...(page.length > 0 ? { Items: page.map((stored) => summary(distributionOutput(core, stored))) } : {}),
    },
  };
}

function summary(distribution: ReturnType<typeof distributionOutput>): DistributionSummary {
  const config = distribution.DistributionConfig;
  return {
    Id: distribution.Id,
    ARN: distribution.ARN,
    Status: distribution.Status,
    LastModifiedTime: distribution.LastModifiedTime,
    DomainName: distribution.DomainName,
    Aliases: config.Aliases ?? { Quantity: 0 },
    Origins: config.Origins,
    OriginGroups: config.OriginGroups,
    DefaultCacheBehavior: config.DefaultCacheBehavior,
    CacheBehaviors: config.CacheBehaviors ?? { Quantity: 0 },
    CustomErrorResponses: config.CustomErrorResponses ?? { Quantity: 0 },
    Comment: config.Comment,
    PriceClass: config.PriceClass ?? 'PriceClass_All',
    Enabled: config.Enabled,
    ViewerCertificate: config.ViewerCertificate ?? {},
    Restrictions: config.Restrictions ?? { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: config.WebACLId ?? '',
    HttpVersion: config.HttpVersion ?? 'http1.1',
    IsIPV6Enabled: config.IsIPV6Enabled ?? false,
    Staging: config.Staging ?? false,
  };
}
