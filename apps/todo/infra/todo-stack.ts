import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TodoApi } from './api.ts';
import { Auth } from './auth.ts';
import { ReadCache } from './cache.ts';
import { TodoFunctions } from './functions.ts';
import { Site } from './site.ts';
import { Storage } from './storage.ts';

export interface TodoStackProps extends StackProps {
  /** Origins the web app is served from (API and bucket CORS). Default: any origin. */
  readonly webOrigins?: string[];
  /** A DAX cluster in front of the table, the table functions in its VPC. Default: true. */
  readonly dax?: boolean;
}

/**
 * MyTodoList: a REST API (API Gateway + Cognito authorizer + stage cache) over Lambda functions
 * reading and writing DynamoDB through DAX, and per-user S3 folders reached with identity-pool
 * credentials. Deploys to AWS with `cdk deploy` and to Stratus with `stratus dev apps/todo`.
 */
export class TodoStack extends Stack {
  constructor(scope: Construct, id: string, props: TodoStackProps = {}) {
    super(scope, id, props);
    const webOrigins = props.webOrigins ?? ['*'];
    const storage = new Storage(this, 'Storage', { webOrigins });
    const auth = new Auth(this, 'Auth', { attachments: storage.attachments });
    const cache =
      props.dax === false ? undefined : new ReadCache(this, 'ReadCache', { table: storage.table });
    const functions = new TodoFunctions(this, 'Functions', {
      table: storage.table,
      auth,
      attachmentsBucketName: storage.attachments.bucketName,
      webOrigins,
      cache,
    });
    const api = new TodoApi(this, 'Api', {
      userPool: auth.userPool,
      handlers: functions.handlers,
      webOrigins,
    });

    const outputs: Record<string, string> = {
      ApiUrl: api.api.url,
      ApiId: api.api.restApiId,
      UserPoolId: auth.userPool.userPoolId,
      UserPoolClientId: auth.client.userPoolClientId,
      IdentityPoolId: auth.identityPool.ref,
      AttachmentsBucket: storage.attachments.bucketName,
      TableName: storage.table.tableName,
      Region: this.region,
    };
    if (cache) outputs.DaxEndpoint = cache.endpoint;
    const site = new Site(this, 'Site', {
      apiUrl: api.api.url,
      region: this.region,
      userPoolId: auth.userPool.userPoolId,
      userPoolClientId: auth.client.userPoolClientId,
      identityPoolId: auth.identityPool.ref,
      attachmentsBucket: storage.attachments.bucketName,
    });
    outputs.WebsiteUrl = site.url;
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
