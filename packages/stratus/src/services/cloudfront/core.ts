import type { Clock } from '../../clock/clock.ts';
import type { Distribution, DistributionConfig } from '../../protocol/models/types/cloudfront.ts';
import { CloudFrontErrors } from './errors.ts';
import { distributionArn } from './ids.ts';
import type { CloudFrontStore, StoredResource } from './store.ts';

/** What CloudFront's operations, providers and viewer route share. */
export interface CloudFrontCore {
  readonly store: CloudFrontStore;
  readonly clock: Clock;
  /** The host and port viewers reach a distribution at, e.g. `d111111abcdef8.cloudfront.localhost:4443`. */
  readonly domainName: (label: string) => string;
}

export type StoredDistribution = StoredResource<DistributionConfig>;

export function requireDistribution(core: CloudFrontCore, account: string, id: string): StoredDistribution {
  const found = core.store.get<DistributionConfig>(account, 'distribution', id);
  if (!found) throw CloudFrontErrors.noSuchDistribution();
  return found;
}

/** A distribution as the API shows it; deployed at once (there are no edge locations to wait for). */
export function distributionOutput(core: CloudFrontCore, stored: StoredDistribution): Distribution {
  return {
    Id: stored.id,
    ARN: distributionArn(stored.account, stored.id),
    Status: 'Deployed',
    LastModifiedTime: new Date(stored.modified),
    InProgressInvalidationBatches: 0,
    DomainName: core.domainName(stored.label!),
    ActiveTrustedSigners: { Enabled: false, Quantity: 0 },
    ActiveTrustedKeyGroups: { Enabled: false, Quantity: 0 },
    DistributionConfig: stored.config,
  };
}

/** Updates and deletes name the version they change (If-Match), as CloudFront requires. */
export function checkIfMatch(stored: { readonly etag: string }, ifMatch: string | undefined): void {
  if (!ifMatch) throw CloudFrontErrors.invalidIfMatch();
  if (ifMatch !== stored.etag) throw CloudFrontErrors.preconditionFailed();
}
