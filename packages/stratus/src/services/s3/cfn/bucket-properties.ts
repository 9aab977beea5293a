import type {
  CORSConfiguration,
  NotificationConfiguration,
  WebsiteConfiguration,
} from '../../../protocol/models/types/s3.ts';

/** AWS::S3::Bucket's properties as a template writes them (CloudFormation's names, not the API's). */
export interface BucketProps {
  readonly BucketName?: string;
  readonly VersioningConfiguration?: { Status: string };
  readonly CorsConfiguration?: { CorsRules: CfnCorsRule[] };
  readonly LifecycleConfiguration?: { Rules: Record<string, any>[] };
  readonly WebsiteConfiguration?: CfnWebsite;
  readonly NotificationConfiguration?: CfnNotifications;
  readonly PublicAccessBlockConfiguration?: Record<string, boolean | string>;
  readonly OwnershipControls?: { Rules: { ObjectOwnership: string }[] };
  readonly BucketEncryption?: { ServerSideEncryptionConfiguration: Record<string, any>[] };
  readonly Tags?: { Key: string; Value: string }[];
  readonly ObjectLockEnabled?: boolean | string;
  readonly ObjectLockConfiguration?: {
    ObjectLockEnabled?: string;
    Rule?: { DefaultRetention?: { Mode?: string; Days?: number | string; Years?: number | string } };
  };
  readonly [other: string]: unknown;
}

interface CfnCorsRule {
  AllowedHeaders?: string[];
  AllowedMethods: string[];
  AllowedOrigins: string[];
  ExposedHeaders?: string[];
  Id?: string;
  MaxAge?: number | string;
}

interface CfnWebsite {
  IndexDocument?: string;
  ErrorDocument?: string;
  RedirectAllRequestsTo?: { HostName: string; Protocol?: string };
  RoutingRules?: {
    RedirectRule: Record<string, string>;
    RoutingRuleCondition?: { HttpErrorCodeReturnedEquals?: string; KeyPrefixEquals?: string };
  }[];
}

interface CfnFilter {
  S3Key?: { Rules: { Name: string; Value: string }[] };
}

interface CfnNotifications {
  LambdaConfigurations?: { Event: string; Function: string; Filter?: CfnFilter }[];
  QueueConfigurations?: { Event: string; Queue: string; Filter?: CfnFilter }[];
  TopicConfigurations?: { Event: string; Topic: string; Filter?: CfnFilter }[];
  EventBridgeConfiguration?: { EventBridgeEnabled?: boolean | string };
}

const number = (value: unknown) => (value === undefined ? undefined : Number(value));
export const bool = (value: unknown) => value === true || value === 'true';

export function corsConfiguration(cors: NonNullable<BucketProps['CorsConfiguration']>): CORSConfiguration {
  return {
    CORSRules: cors.CorsRules.map((rule) => ({
      ...(rule.Id ? { ID: rule.Id } : {}),
      AllowedMethods: rule.AllowedMethods,
      AllowedOrigins: rule.AllowedOrigins,
      ...(rule.AllowedHeaders ? { AllowedHeaders: rule.AllowedHeaders } : {}),
      ...(rule.ExposedHeaders ? { ExposeHeaders: rule.ExposedHeaders } : {}),
      ...(rule.MaxAge !== undefined ? { MaxAgeSeconds: number(rule.MaxAge) } : {}),
    })),
  };
}

export function websiteConfiguration(website: CfnWebsite): WebsiteConfiguration {
  return {
    ...(website.IndexDocument ? { IndexDocument: { Suffix: website.IndexDocument } } : {}),
    ...(website.ErrorDocument ? { ErrorDocument: { Key: website.ErrorDocument } } : {}),
    ...(website.RedirectAllRequestsTo
      ? {
          RedirectAllRequestsTo:
            website.RedirectAllRequestsTo as WebsiteConfiguration['RedirectAllRequestsTo'],
        }
      : {}),
    ...(website.RoutingRules
      ? {
          RoutingRules: website.RoutingRules.map((rule) => ({
            ...(rule.RoutingRuleCondition ? { Condition: rule.RoutingRuleCondition } : {}),
            Redirect: rule.RedirectRule,
          })),
        }
      : {}),
  } as WebsiteConfiguration;
}

/** CloudFormation lists one event per configuration; the API groups events per destination. */
export function notificationConfiguration(notifications: CfnNotifications): NotificationConfiguration {
  const filter = (f: CfnFilter | undefined) =>
    f?.S3Key
      ? { Filter: { Key: { FilterRules: f.S3Key.Rules.map((r) => ({ Name: r.Name, Value: r.Value })) } } }
      : {};
  const config: Record<string, unknown> = {};
  if (notifications.LambdaConfigurations)
    config.LambdaFunctionConfigurations = notifications.LambdaConfigurations.map((c) => ({
      LambdaFunctionArn: c.Function,
      Events: [c.Event],
      ...filter(c.Filter),
    }));
  if (notifications.QueueConfigurations)
    config.QueueConfigurations = notifications.QueueConfigurations.map((c) => ({
      QueueArn: c.Queue,
      Events: [c.Event],
      ...filter(c.Filter),
    }));
  if (notifications.TopicConfigurations)
    config.TopicConfigurations = notifications.TopicConfigurations.map((c) => ({
      TopicArn: c.Topic,
      Events: [c.Event],
      ...filter(c.Filter),
    }));
  if (bool(notifications.EventBridgeConfiguration?.EventBridgeEnabled)) config.EventBridgeConfiguration = {};
  return config as NotificationConfiguration;
}

export function publicAccessBlock(block: Record<string, boolean | string>) {
  return Object.fromEntries(Object.entries(block).map(([name, value]) => [name, bool(value)]));
}

export function encryptionConfiguration(encryption: NonNullable<BucketProps['BucketEncryption']>) {
  return {
    Rules: encryption.ServerSideEncryptionConfiguration.map((rule) => ({
      ...rule,
      ...(rule.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: bool(rule.BucketKeyEnabled) } : {}),
    })),
  };
}

/** The template's lock configuration as PutObjectLockConfiguration takes it (numbers may arrive as strings). */
export function objectLockConfiguration(lock: NonNullable<BucketProps['ObjectLockConfiguration']>) {
  const retention = lock.Rule?.DefaultRetention;
  return {
    ObjectLockEnabled: lock.ObjectLockEnabled ?? 'Enabled',
    ...(retention
      ? {
          Rule: {
            DefaultRetention: {
              Mode: retention.Mode,
              ...(retention.Days !== undefined ? { Days: number(retention.Days) } : {}),
              ...(retention.Years !== undefined ? { Years: number(retention.Years) } : {}),
            },
          },
        }
      : {}),
  };
}
