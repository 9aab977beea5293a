import { randomUUID } from 'node:crypto';
import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import {
  type AwsService,
  type Operation,
  operationBinder,
  type RawRoute,
  type ServiceDeps,
} from '../service.ts';
import { configurationProvider } from './cfn/configuration.ts';
import { distributionProvider } from './cfn/distribution.ts';
import type { CloudFrontCore } from './core.ts';
import { configurationOperations } from './operations/configurations.ts';
import {
  createDistribution,
  deleteDistribution,
  getDistribution,
  getDistributionConfig,
  updateDistribution,
} from './operations/distribution.ts';
import { createInvalidation, getInvalidation, listInvalidations } from './operations/invalidations.ts';
import { listDistributions } from './operations/list-distributions.ts';
import { viewerRoute } from './serve/route.ts';
import { CloudFrontStore } from './store.ts';

export interface CloudFrontDeps extends ServiceDeps {
  /** S3, which S3 origins are read from (in-process, through its operations and IAM). */
  readonly s3: () => AwsService;
  /** The edge's ports: distributions are reached on the HTTPS one (HTTP redirects there). */
  readonly ports: () => { readonly http: number; readonly https?: number };
  readonly defaultRegion: string;
}

/**
 * CloudFront: distributions and the configurations they use (API and CloudFormation), served to
 * viewers at `https://<d…>.cloudfront.localhost:<https port>/` from S3 or custom origins. There
 * is no edge cache: every viewer request reaches the origin, and invalidations complete at once.
 */
export class CloudFrontService implements AwsService {
  readonly name = 'cloudfront';
  readonly model = loadModel('cloudfront');
  readonly core: CloudFrontCore;
  readonly operations: Record<string, Operation>;
  readonly routes: readonly RawRoute[];
  readonly providers: Record<string, ResourceProvider>;

  constructor(deps: CloudFrontDeps) {
    this.core = {
      store: new CloudFrontStore(deps.storage.database('cloudfront')),
      clock: deps.clock,
      domainName: (label) => {
        const ports = deps.ports();
        return `${label}.cloudfront.localhost:${ports.https ?? ports.http}`;
      },
    };
    const bind = operationBinder(this.core);
    this.operations = {
      CreateDistribution: bind(createDistribution),
      GetDistribution: bind(getDistribution),
      GetDistributionConfig: bind(getDistributionConfig),
      UpdateDistribution: bind(updateDistribution),
      DeleteDistribution: bind(deleteDistribution),
      ListDistributions: bind(listDistributions),
      CreateInvalidation: bind(createInvalidation),
      GetInvalidation: bind(getInvalidation),
      ListInvalidations: bind(listInvalidations),
      ...configurationOperations(this.core),
    };
    this.providers = {
      'AWS::CloudFront::Distribution': distributionProvider(this.operations),
      'AWS::CloudFront::OriginAccessControl': configurationProvider(this.operations, 'OriginAccessControl'),
      'AWS::CloudFront::CloudFrontOriginAccessIdentity': configurationProvider(
        this.operations,
        'CloudFrontOriginAccessIdentity',
      ),
      'AWS::CloudFront::CachePolicy': configurationProvider(this.operations, 'CachePolicy'),
      'AWS::CloudFront::OriginRequestPolicy': configurationProvider(this.operations, 'OriginRequestPolicy'),
      'AWS::CloudFront::ResponseHeadersPolicy': configurationProvider(
        this.operations,
        'ResponseHeadersPolicy',
      ),
    };
    this.routes = [
      viewerRoute({
        core: this.core,
        s3: deps.s3,
        security: deps.security,
        ports: deps.ports,
        defaultRegion: deps.defaultRegion,
        logger: deps.logger,
      }),
    ];
  }

  /** An invalidation of `paths`, as CDK's BucketDeployment handler creates after a deployment. */
  async invalidate(ctx: ResourceContext, distributionId: string, paths: readonly string[]): Promise<void> {
    await this.operations.CreateInvalidation!(
      {
        DistributionId: distributionId,
        InvalidationBatch: {
          Paths: { Quantity: paths.length, Items: [...paths] },
          CallerReference: `${ctx.stackName}-${ctx.logicalId}-${randomUUID()}`,
        },
      },
      requestContext(ctx, 'cloudfront', 'CreateInvalidation'),
    );
  }
}
