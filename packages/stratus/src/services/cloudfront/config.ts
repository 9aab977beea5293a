import type {
  CacheBehavior,
  DefaultCacheBehavior,
  DistributionConfig,
} from '../../protocol/models/types/cloudfront.ts';

const NONE = { Quantity: 0 };
const GET_HEAD = { Quantity: 2, Items: ['HEAD', 'GET'] };

/** A behaviour as GetDistribution shows it: the defaults AWS fills in for what was not given. */
function withBehaviourDefaults<T extends DefaultCacheBehavior | CacheBehavior>(behaviour: T): T {
  return {
    TrustedSigners: { Enabled: false, Quantity: 0 },
    TrustedKeyGroups: { Enabled: false, Quantity: 0 },
    AllowedMethods: { ...GET_HEAD, CachedMethods: GET_HEAD },
    SmoothStreaming: false,
    Compress: false,
    LambdaFunctionAssociations: NONE,
    FunctionAssociations: NONE,
    FieldLevelEncryptionId: '',
    ...behaviour,
  };
}

/** A distribution's configuration with the defaults AWS fills in (CloudFormation's defaults too). */
export function withDefaults(config: DistributionConfig): DistributionConfig {
  return {
    Aliases: NONE,
    DefaultRootObject: '',
    OriginGroups: NONE,
    CacheBehaviors: NONE,
    CustomErrorResponses: NONE,
    Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
    PriceClass: 'PriceClass_All',
    ViewerCertificate: {
      CloudFrontDefaultCertificate: true,
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'TLSv1',
      CertificateSource: 'cloudfront',
    },
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: '',
    HttpVersion: 'http1.1',
    IsIPV6Enabled: false,
    Staging: false,
    ...config,
    Comment: config.Comment ?? '',
    DefaultCacheBehavior: withBehaviourDefaults(config.DefaultCacheBehavior),
    ...(config.CacheBehaviors?.Items
      ? {
          CacheBehaviors: {
            Quantity: config.CacheBehaviors.Items.length,
            Items: config.CacheBehaviors.Items.map(withBehaviourDefaults),
          },
        }
      : {}),
  };
}
