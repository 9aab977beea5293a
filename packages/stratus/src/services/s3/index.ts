import type { ResourceContext, ResourceProvider } from '../../cloudformation/provider.ts';
import type { AccessRequest } from '../../iam/policy/types.ts';
import type { LambdaInvoker } from '../../integration/lambda.ts';
import { loadModel } from '../../protocol/models/index.ts';
import {
  type AwsService,
  type Operation,
  operationBinder,
  type RawRoute,
  type RequestContext,
  type ServiceDeps,
} from '../service.ts';
import { authorizeS3, checkExpectedBucketOwner } from './access/authorize.ts';
import { BodyStore } from './bodies.ts';
import { BucketConfigStore } from './bucket-config.ts';
import { autoDeleteObjectsProvider } from './cfn/auto-delete-objects.ts';
import { bucketProvider } from './cfn/bucket.ts';
import { bucketDeploymentProvider } from './cfn/bucket-deployment.ts';
import { bucketNotificationsProvider } from './cfn/bucket-notifications.ts';
import { bucketPolicyProvider } from './cfn/bucket-policy.ts';
import type { S3Core } from './core.ts';
import { DEFAULT_BODY_IDLE_TIMEOUT_MS } from './idle-body.ts';
import { LifecycleScheduler } from './lifecycle/scheduler.ts';
import { S3Events } from './notifications-events.ts';
import { lambdaDestination, type NotificationDestination } from './notifications-targets.ts';
import { abortMultipartUpload } from './operations/abort-multipart-upload.ts';
import { deleteBucketCors, getBucketCors, putBucketCors } from './operations/bucket-cors.ts';
import {
  deleteBucketLifecycle,
  getBucketLifecycleConfiguration,
  putBucketLifecycleConfiguration,
} from './operations/bucket-lifecycle.ts';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './operations/bucket-tagging.ts';
import { getBucketVersioning, putBucketVersioning } from './operations/bucket-versioning.ts';
import { completeMultipartUpload } from './operations/complete-multipart-upload.ts';
import { copyObject } from './operations/copy-object.ts';
import { createBucket } from './operations/create-bucket.ts';
import { createMultipartUpload } from './operations/create-multipart-upload.ts';
import { deleteBucket } from './operations/delete-bucket.ts';
import { deleteBucketPolicy } from './operations/delete-bucket-policy.ts';
import { deleteBucketWebsite } from './operations/delete-bucket-website.ts';
import { deleteObject } from './operations/delete-object.ts';
import { deleteObjects } from './operations/delete-objects.ts';
import { getBucketLocation } from './operations/get-bucket-location.ts';
import { getBucketNotificationConfiguration } from './operations/get-bucket-notification-configuration.ts';
import { getBucketPolicy } from './operations/get-bucket-policy.ts';
import { getBucketPolicyStatus } from './operations/get-bucket-policy-status.ts';
import { getBucketWebsite } from './operations/get-bucket-website.ts';
import { getObject } from './operations/get-object.ts';
import { getObjectAttributes } from './operations/get-object-attributes.ts';
import { headBucket } from './operations/head-bucket.ts';
import { headObject } from './operations/head-object.ts';
import { listBuckets } from './operations/list-buckets.ts';
import { listMultipartUploads } from './operations/list-multipart-uploads.ts';
import { listObjectVersions } from './operations/list-object-versions.ts';
import { listObjects } from './operations/list-objects.ts';
import { listObjectsV2 } from './operations/list-objects-v2.ts';
import { listParts } from './operations/list-parts.ts';
import { getObjectLegalHold, putObjectLegalHold } from './operations/object-legal-hold.ts';
import {
  getObjectLockConfiguration,
  putObjectLockConfiguration,
} from './operations/object-lock-configuration.ts';
import { getObjectRetention, putObjectRetention } from './operations/object-retention.ts';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './operations/object-tagging.ts';
import {
  deletePublicAccessBlock,
  getPublicAccessBlock,
  putPublicAccessBlock,
} from './operations/public-access-block.ts';
import { putBucketNotificationConfiguration } from './operations/put-bucket-notification-configuration.ts';
import { putBucketPolicy } from './operations/put-bucket-policy.ts';
import { putBucketWebsite } from './operations/put-bucket-website.ts';
import { putObject } from './operations/put-object.ts';
import { uploadPart } from './operations/upload-part.ts';
import { uploadPartCopy } from './operations/upload-part-copy.ts';
import { s3Route } from './route.ts';
import { S3Store } from './store.ts';
import { UploadStore } from './uploads-store.ts';
import { VersionStore } from './versions-store.ts';
import { websiteRoute } from './website-route.ts';

export interface S3Deps extends ServiceDeps {
  readonly lambda: LambdaInvoker;
  /** The region of unsigned requests that name none (default us-east-1). */
  readonly defaultRegion?: string;
  /** Where event notifications to SQS queues and SNS topics go, once those services exist. */
  readonly notificationTargets?: {
    readonly queue?: NotificationDestination;
    readonly topic?: NotificationDestination;
  };
  /** CloudFront's CreateInvalidation, for BucketDeployment's `distribution` (AWS's handler calls it). */
  readonly invalidateDistribution?: (
    ctx: ResourceContext,
    distributionId: string,
    paths: readonly string[],
  ) => Promise<void>;
}

/** S3: buckets and objects, metadata and small bodies in SQLite, large bodies as files, every request through its own streaming route. */
export class S3Service implements AwsService {
  readonly name = 's3';
  readonly model = loadModel('s3');
  readonly deps: S3Deps;
  readonly core: S3Core;
  readonly operations: Record<string, Operation>;
  readonly routes: readonly RawRoute[];
  /** Applies lifecycle rules as the Stratus clock moves. */
  readonly lifecycle: LifecycleScheduler;
  /** How long a request body may stall before S3 answers RequestTimeout (real time, as sockets are). */
  bodyIdleTimeoutMs = DEFAULT_BODY_IDLE_TIMEOUT_MS;
  readonly providers: Record<string, ResourceProvider>;

  constructor(deps: S3Deps) {
    this.deps = deps;
    this.core = {
      store: new S3Store(deps.storage.database('s3')),
      versions: new VersionStore(deps.storage.database('s3')),
      configs: new BucketConfigStore(deps.storage.database('s3')),
      uploads: new UploadStore(deps.storage.database('s3')),
      bodies: new BodyStore({
        directory: (...segments) => deps.storage.directory(...segments),
        db: deps.storage.database('s3'),
        durable: !deps.storage.ephemeral,
      }),
      clock: deps.clock,
      security: deps.security,
      events: new S3Events({
        state: () => this.core,
        clock: deps.clock,
        logger: deps.logger,
        destinations: { lambda: lambdaDestination(deps.lambda), ...deps.notificationTargets },
      }),
    };
    const bindToCore = operationBinder(this.core);
    const bind: typeof bindToCore = (operation) => {
      const run = bindToCore(operation);
      return (input, ctx) => {
        checkExpectedBucketOwner(this.core, input as Record<string, unknown>);
        return run(input, ctx);
      };
    };
    this.operations = {
      CreateBucket: bind(createBucket),
      HeadBucket: bind(headBucket),
      DeleteBucket: bind(deleteBucket),
      ListBuckets: bind(listBuckets),
      GetBucketLocation: bind(getBucketLocation),
      PutObject: bind(putObject),
      GetObject: bind(getObject),
      HeadObject: bind(headObject),
      DeleteObject: bind(deleteObject),
      DeleteObjects: bind(deleteObjects),
      CopyObject: bind(copyObject),
      ListObjects: bind(listObjects),
      ListObjectsV2: bind(listObjectsV2),
      CreateMultipartUpload: bind(createMultipartUpload),
      UploadPart: bind(uploadPart),
      CompleteMultipartUpload: bind(completeMultipartUpload),
      AbortMultipartUpload: bind(abortMultipartUpload),
      ListParts: bind(listParts),
      PutBucketVersioning: bind(putBucketVersioning),
      GetBucketVersioning: bind(getBucketVersioning),
      ListObjectVersions: bind(listObjectVersions),
      PutBucketCors: bind(putBucketCors),
      GetBucketCors: bind(getBucketCors),
      DeleteBucketCors: bind(deleteBucketCors),
      PutObjectTagging: bind(putObjectTagging),
      GetObjectTagging: bind(getObjectTagging),
      DeleteObjectTagging: bind(deleteObjectTagging),
      PutBucketTagging: bind(putBucketTagging),
      GetBucketTagging: bind(getBucketTagging),
      DeleteBucketTagging: bind(deleteBucketTagging),
      UploadPartCopy: bind(uploadPartCopy),
      ListMultipartUploads: bind(listMultipartUploads),
      GetObjectAttributes: bind(getObjectAttributes),
      PutBucketLifecycleConfiguration: bind(putBucketLifecycleConfiguration),
      GetBucketLifecycleConfiguration: bind(getBucketLifecycleConfiguration),
      DeleteBucketLifecycle: bind(deleteBucketLifecycle),
      PutBucketNotificationConfiguration: bind(putBucketNotificationConfiguration),
      GetBucketNotificationConfiguration: bind(getBucketNotificationConfiguration),
      PutBucketWebsite: bind(putBucketWebsite),
      GetBucketWebsite: bind(getBucketWebsite),
      DeleteBucketWebsite: bind(deleteBucketWebsite),
      PutBucketPolicy: bind(putBucketPolicy),
      GetBucketPolicy: bind(getBucketPolicy),
      DeleteBucketPolicy: bind(deleteBucketPolicy),
      GetBucketPolicyStatus: bind(getBucketPolicyStatus),
      PutPublicAccessBlock: bind(putPublicAccessBlock),
      GetPublicAccessBlock: bind(getPublicAccessBlock),
      DeletePublicAccessBlock: bind(deletePublicAccessBlock),
      PutObjectLockConfiguration: bind(putObjectLockConfiguration),
      GetObjectLockConfiguration: bind(getObjectLockConfiguration),
      PutObjectRetention: bind(putObjectRetention),
      GetObjectRetention: bind(getObjectRetention),
      PutObjectLegalHold: bind(putObjectLegalHold),
      GetObjectLegalHold: bind(getObjectLegalHold),
    };
    // CDK's custom resources for buckets are done natively: their Lambda handlers never run.
    this.providers = {
      'AWS::S3::Bucket': bucketProvider(this),
      'AWS::S3::BucketPolicy': bucketPolicyProvider(this),
      'Custom::S3AutoDeleteObjects': autoDeleteObjectsProvider(this),
      'Custom::S3BucketNotifications': bucketNotificationsProvider(this),
      'Custom::CDKBucketDeployment': bucketDeploymentProvider(this),
    };
    // The website endpoint's hosts look like virtual-hosted S3 hosts: its route comes first.
    this.routes = [websiteRoute(this), s3Route(this)];
    this.lifecycle = new LifecycleScheduler(this.core, deps.logger);
  }

  authorize(operation: string, input: Record<string, unknown>, ctx: RequestContext): AccessRequest[] {
    return authorizeS3(this.core, operation, input, ctx);
  }

  async start(): Promise<void> {
    await this.core.bodies.sweepTemporary();
    this.lifecycle.start();
  }

  /** Lets event notifications already published reach their destinations. */
  async stop(): Promise<void> {
    this.lifecycle.stop();
    await this.core.events.idle();
    await this.core.bodies.stop();
  }
}
