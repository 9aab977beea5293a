import { randomUUID } from 'node:crypto';
import type { ResourceContext, ResourceProvider } from '../../../cloudformation/provider.ts';
import type { MarkersConfig } from '../deployment-markers.ts';
import { gatherSources } from '../deployment-sources.ts';
import { syncFiles } from '../deployment-sync.ts';
import type { S3Service } from '../index.ts';
import { bucketTags, emptyBucket, flag } from './bucket-contents.ts';

/** `Custom::CDKBucketDeployment`'s properties, as aws-s3-deployment's BucketDeployment writes them. */
interface DeploymentProps {
  readonly SourceBucketNames: string[];
  readonly SourceObjectKeys: string[];
  readonly SourceMarkers?: Record<string, unknown>[];
  readonly SourceMarkersConfig?: MarkersConfig[];
  readonly DestinationBucketName: string;
  readonly DestinationBucketKeyPrefix?: string;
  readonly DestinationBucketArn?: string;
  readonly Extract?: boolean | string;
  readonly RetainOnDelete?: boolean | string;
  readonly Prune?: boolean | string;
  readonly Exclude?: string[];
  readonly Include?: string[];
  readonly UserMetadata?: Record<string, string>;
  readonly SystemMetadata?: Record<string, string>;
  readonly OutputObjectKeys?: boolean | string;
  readonly DistributionId?: string;
  readonly DistributionPaths?: string[];
}

const OWNER_TAG = 'aws-cdk:cr-owned';

/**
 * CDK's `Custom::CDKBucketDeployment` (BucketDeployment), done natively instead of by its Python
 * handler: the source zips (cloud assembly assets) are unpacked and synced into the destination
 * bucket and prefix, honouring Prune (default true), Exclude/Include, deploy-time markers and
 * metadata; on delete, with RetainOnDelete false, the prefix is emptied (unless another
 * deployment owns the bucket, as the handler checks by tag).
 */
export function bucketDeploymentProvider(service: S3Service): ResourceProvider<DeploymentProps> {
  const deploy = async (props: DeploymentProps, ctx: ResourceContext) => {
    const files = await gatherSources(
      props.SourceBucketNames.map((bucket, i) => ({
        bucket,
        key: props.SourceObjectKeys[i]!,
        markers: props.SourceMarkers?.[i],
        markersConfig: props.SourceMarkersConfig?.[i],
      })),
      {
        extract: flag(props.Extract, true),
        assets: ctx.assets,
        readObject: (b, k) => readObject(service, b, k),
      },
    );
    const result = await syncFiles(
      service,
      files,
      {
        bucket: props.DestinationBucketName,
        prefix: prefixOf(props),
        prune: flag(props.Prune, true),
        exclude: props.Exclude ?? [],
        include: props.Include ?? [],
        userMetadata: lowerKeys(props.UserMetadata),
        systemMetadata: lowerKeys(props.SystemMetadata),
      },
      ctx,
    );
    ctx.log(
      `${ctx.logicalId}: ${result.uploaded} file(s) put, ${result.deleted} removed in s3://${props.DestinationBucketName}/${prefixOf(props)}`,
    );
    // As CDK's handler: an invalidation of DistributionPaths (default `/*`) once the files are in place.
    if (props.DistributionId && service.deps.invalidateDistribution) {
      await service.deps.invalidateDistribution(ctx, props.DistributionId, props.DistributionPaths ?? ['/*']);
    }
  };
  const attributes = (props: DeploymentProps) => ({
    DestinationBucketArn: props.DestinationBucketArn,
    SourceObjectKeys: flag(props.OutputObjectKeys, true) ? props.SourceObjectKeys : [],
  });
  return {
    async create(props, ctx) {
      await deploy(props, ctx);
      return { physicalId: `aws.cdk.s3deployment.${randomUUID()}`, attributes: attributes(props) };
    },
    async update(physicalId, props, previous, ctx) {
      const moved =
        previous.DestinationBucketName !== props.DestinationBucketName ||
        prefixOf(previous) !== prefixOf(props);
      if (moved && !flag(props.RetainOnDelete, true))
        await emptyBucket(service, previous.DestinationBucketName, prefixOf(previous), ctx);
      await deploy(props, ctx);
      return { physicalId, attributes: attributes(props) };
    },
    async delete(_physicalId, props, ctx) {
      if (flag(props.RetainOnDelete, true)) return;
      const prefix = props.DestinationBucketKeyPrefix ?? '';
      const tag = prefix === '' || prefix === '/' ? OWNER_TAG : `${OWNER_TAG}:${prefix}`;
      const tags = await bucketTags(service, props.DestinationBucketName, ctx);
      if (tags.some((t) => t.Key.startsWith(tag))) return;
      await emptyBucket(service, props.DestinationBucketName, prefixOf(props), ctx);
    },
  };
}

/** `s3://bucket/prefix` as `aws s3 sync` writes to it: `/` alone is the root, a prefix gets its slash. */
function prefixOf(props: Pick<DeploymentProps, 'DestinationBucketKeyPrefix'>): string {
  const prefix = props.DestinationBucketKeyPrefix ?? '';
  if (prefix === '' || prefix === '/') return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function lowerKeys(record: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

async function readObject(service: S3Service, bucket: string, key: string): Promise<Buffer | undefined> {
  const object = service.core.store.object(bucket, key);
  if (!object) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of await service.core.bodies.read(object.file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
