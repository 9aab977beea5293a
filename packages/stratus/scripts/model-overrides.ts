/**
 * Corrections applied to botocore 1.29's models where AWS has moved on since late 2022.
 * Each entry says what changed on AWS.
 */
type Model = {
  metadata: Record<string, unknown>;
  operations?: Record<string, any>;
  shapes: Record<string, any>;
};

function addEnumValues(model: Model, shape: string, values: string[]): void {
  const target = model.shapes[shape];
  if (!target?.enum) throw new Error(`model-overrides: ${shape} has no enum to extend`);
  for (const value of values) if (!target.enum.includes(value)) target.enum.push(value);
}

/**
 * S3's XML answers have root elements botocore does not record (its parsers ignore the root):
 * AWS's names, so XML readers other than the SDKs get what S3 sends.
 */
const S3_ROOT_ELEMENTS: Record<string, string> = {
  CompleteMultipartUploadOutput: 'CompleteMultipartUploadResult',
  CreateMultipartUploadOutput: 'InitiateMultipartUploadResult',
  DeleteObjectsOutput: 'DeleteResult',
  GetBucketAccelerateConfigurationOutput: 'AccelerateConfiguration',
  GetBucketAclOutput: 'AccessControlPolicy',
  GetBucketCorsOutput: 'CORSConfiguration',
  GetBucketLifecycleOutput: 'LifecycleConfiguration',
  GetBucketLifecycleConfigurationOutput: 'LifecycleConfiguration',
  GetBucketLocationOutput: 'LocationConstraint',
  GetBucketLoggingOutput: 'BucketLoggingStatus',
  NotificationConfigurationDeprecated: 'NotificationConfiguration',
  NotificationConfiguration: 'NotificationConfiguration',
  GetBucketRequestPaymentOutput: 'RequestPaymentConfiguration',
  GetBucketTaggingOutput: 'Tagging',
  GetBucketVersioningOutput: 'VersioningConfiguration',
  GetBucketWebsiteOutput: 'WebsiteConfiguration',
  GetObjectAclOutput: 'AccessControlPolicy',
  GetObjectAttributesOutput: 'GetObjectAttributesResponse',
  GetObjectTaggingOutput: 'Tagging',
  ListBucketAnalyticsConfigurationsOutput: 'ListBucketAnalyticsConfigurationResult',
  ListBucketIntelligentTieringConfigurationsOutput: 'ListBucketIntelligentTieringConfigurationsOutput',
  ListBucketInventoryConfigurationsOutput: 'ListInventoryConfigurationsResult',
  ListBucketMetricsConfigurationsOutput: 'ListMetricsConfigurationsResult',
  ListBucketsOutput: 'ListAllMyBucketsResult',
  ListMultipartUploadsOutput: 'ListMultipartUploadsResult',
  ListObjectVersionsOutput: 'ListVersionsResult',
  ListObjectsOutput: 'ListBucketResult',
  ListObjectsV2Output: 'ListBucketResult',
  ListPartsOutput: 'ListPartsResult',
};

export const modelOverrides: Record<string, (model: Model) => void> = {
  s3: (model) => {
    // botocore keeps S3's namespace on a few input members only; every S3 XML answer carries it.
    model.metadata.xmlNamespace = 'http://s3.amazonaws.com/doc/2006-03-01/';
    for (const [shape, root] of Object.entries(S3_ROOT_ELEMENTS)) {
      if (!model.shapes[shape]) throw new Error(`model-overrides: s3 has no shape ${shape}`);
      model.shapes[shape].locationName = root;
    }
    // S3 answers these with 204 No Content (its API reference's examples; clients such as minio-js
    // insist on it); the model leaves their status at the default 200.
    for (const name of ['PutBucketPolicy', 'PutBucketTagging']) {
      if (!model.operations?.[name]) throw new Error(`model-overrides: s3 has no operation ${name}`);
      model.operations[name].http.responseCode = 204;
    }
  },
  logs: (model) => {
    // Log groups may be named by logGroupIdentifier (a name or ARN) instead of logGroupName
    // (Nov 2022, after this model): logGroupName is no longer required where both exist.
    for (const shape of Object.values(model.shapes)) {
      if (shape.members?.logGroupIdentifier && shape.members?.logGroupName && shape.required) {
        shape.required = shape.required.filter((name: string) => name !== 'logGroupName');
      }
    }
  },
  sqs: (model) => {
    // Since late 2023 SQS speaks AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Action>`), the only protocol
    // current SDKs send; query-compatible, so errors also name their old Query code. The Query
    // model's XML names (Message for Messages, Name/Value map entries) do not apply to JSON.
    Object.assign(model.metadata, {
      protocol: 'json',
      jsonVersion: '1.0',
      targetPrefix: 'AmazonSQS',
      awsQueryCompatible: {},
    });
    delete model.metadata.xmlNamespace;
    for (const shape of Object.values(model.shapes)) {
      delete shape.flattened;
      for (const ref of [...Object.values<any>(shape.members ?? {}), shape.member, shape.key, shape.value]) {
        if (!ref) continue;
        delete ref.locationName;
        delete ref.flattened;
      }
    }
    for (const operation of Object.values(model.operations ?? {})) delete operation.output?.resultWrapper;
  },
  sts: (model) => {
    // Callers of the web identity and SAML exchanges have no AWS credentials yet: newer models
    // mark them unsigned (`smithy.api#noAuth`), botocore 1.29 does not.
    for (const name of ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']) {
      if (!model.operations?.[name]) throw new Error(`model-overrides: sts has no operation ${name}`);
      model.operations[name].authtype = 'none';
    }
  },
  'cognito-idp': (model) => {
    // Calls made with a user's access token need no AWS credentials: newer models mark them
    // unsigned (`smithy.api#noAuth`) and the SDK v3 sends them so; botocore 1.29 does not.
    for (const name of [
      'AssociateSoftwareToken',
      'ConfirmDevice',
      'ForgetDevice',
      'GetDevice',
      'GlobalSignOut',
      'ListDevices',
      'RevokeToken',
      'SetUserMFAPreference',
      'UpdateAuthEventFeedback',
      'UpdateDeviceStatus',
      'VerifySoftwareToken',
    ]) {
      if (!model.operations?.[name]) throw new Error(`model-overrides: cognito-idp has no operation ${name}`);
      model.operations[name].authtype = 'none';
    }
  },
  cloudfront: (model) => {
    model.metadata.xmlNamespace = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
    // botocore names CloudFront's operations with the API version (`GetDistribution2020_05_31`);
    // the operation is `GetDistribution`, as the SDKs and IAM's actions call it.
    for (const [name, operation] of Object.entries(model.operations ?? {})) operation.name = name;
  },
  lambda: (model) => {
    // Lambda added the Node.js 20 (Nov 2023), 22 (Nov 2024) and 24 (Nov 2025) runtimes, and newer Python ones.
    addEnumValues(model, 'Runtime', [
      'nodejs20.x',
      'nodejs22.x',
      'nodejs24.x',
      'python3.10',
      'python3.11',
      'python3.12',
      'python3.13',
    ]);
  },
};
