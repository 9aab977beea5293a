import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { S3Service } from '../index.ts';
import { type BucketProps, bool } from './bucket-properties.ts';
import { applySubResources } from './sub-resources.ts';

/**
 * AWS::S3::Bucket: Ref is the name (BucketName, else `<stack>-<logical id>-<random>` in lower
 * case, as CloudFormation names buckets). Configuration properties update in place through S3's
 * operations; a new name replaces the bucket. Deleting a bucket that still holds objects fails
 * as on AWS (BucketNotEmpty), unless something empties it first (CDK's autoDeleteObjects).
 */
export function bucketProvider(service: S3Service): ResourceProvider<BucketProps> {
  return {
    replaceOn: ['BucketName', 'ObjectLockEnabled'],
    async create(props, ctx) {
      warnUnsupported(props, ctx);
      const name = props.BucketName ?? generatePhysicalName(ctx, 63, { lowercase: true, suffix: 'lower' });
      await service.operations.CreateBucket!(
        {
          Bucket: name,
          ...(bool(props.ObjectLockEnabled) ? { ObjectLockEnabledForBucket: true } : {}),
          ...(ctx.region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: ctx.region } }),
        },
        requestContext(ctx, 's3', 'CreateBucket'),
      );
      try {
        await applySubResources(service, name, props, undefined, ctx);
      } catch (error) {
        // CloudFormation would roll the bucket back: nothing half-configured stays.
        await deleteBucket(service, name, ctx);
        throw error;
      }
      return { physicalId: name, attributes: attributes(name, ctx) };
    },
    async update(physicalId, props, previous, ctx) {
      warnUnsupported(props, ctx);
      await applySubResources(service, physicalId, props, previous, ctx);
      return { physicalId, attributes: attributes(physicalId, ctx) };
    },
    async delete(physicalId, _props, ctx) {
      await deleteBucket(service, physicalId, ctx);
    },
  };
}

async function deleteBucket(service: S3Service, name: string, ctx: ResourceContext): Promise<void> {
  try {
    await service.operations.DeleteBucket!({ Bucket: name }, requestContext(ctx, 's3', 'DeleteBucket'));
  } catch (error) {
    if (!(isAwsError(error) && error.code === 'NoSuchBucket')) throw error;
  }
}

/** The older regions whose website endpoints read `s3-website-<region>`; the others `s3-website.<region>`. */
const DASH_REGIONS = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-west-1',
  'sa-east-1',
  'us-gov-west-1',
]);

/** What Fn::GetAtt reads: the AWS host names of the bucket (Stratus serves the same names under localhost). */
function attributes(name: string, ctx: ResourceContext): Record<string, string> {
  return {
    Arn: `arn:aws:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
    WebsiteURL: `http://${name}.s3-website${DASH_REGIONS.has(ctx.region) ? '-' : '.'}${ctx.region}.amazonaws.com`,
  };
}

/** Bucket properties Stratus records nothing for: said out loud rather than ignored. */
const UNSUPPORTED = [
  'AccessControl',
  'AccelerateConfiguration',
  'AnalyticsConfigurations',
  'IntelligentTieringConfigurations',
  'InventoryConfigurations',
  'LoggingConfiguration',
  'MetricsConfigurations',
  'ReplicationConfiguration',
];

function warnUnsupported(props: BucketProps, ctx: ResourceContext): void {
  const present = UNSUPPORTED.filter((name) => props[name] !== undefined);
  if (present.length > 0)
    ctx.log(
      `${ctx.logicalId}: Stratus does not apply ${present.join(', ')} to buckets yet; the bucket is created without.`,
    );
}
