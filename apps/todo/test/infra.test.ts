import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IDENTITY_SUB } from '../infra/auth.ts';
import { TodoStack } from '../infra/todo-stack.ts';

/** The synthesized template, without bundling the functions (not needed to assert the infrastructure). */
function synth(props: { dax?: boolean } = {}): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new TodoStack(app, 'Todo', props));
}

// IDENTITY_SUB is the literal text `${cognito-identity.amazonaws.com:sub}` IAM substitutes.
const resources = (t: Template, type: string) => Object.entries(t.findResources(type));

describe('MyTodoList infrastructure', () => {
  const template = synth();

  it('puts the Cognito authorizer on every method but the CORS preflights', () => {
    const [[authorizerId, authorizer]] = resources(template, 'AWS::ApiGateway::Authorizer') as [
      [string, { Properties: Record<string, unknown> }],
    ];
    assert.equal(authorizer.Properties.Type, 'COGNITO_USER_POOLS');
    assert.equal(authorizer.Properties.IdentitySource, 'method.request.header.Authorization');
    const methods = resources(template, 'AWS::ApiGateway::Method').map(([, m]) => m.Properties);
    const secured = methods.filter((m) => m.HttpMethod !== 'OPTIONS');
    assert.equal(secured.length, 6);
    for (const m of secured) {
      assert.equal(m.AuthorizationType, 'COGNITO_USER_POOLS', `${m.HttpMethod} is authorized`);
      assert.deepEqual(m.AuthorizerId, { Ref: authorizerId });
    }
    for (const m of methods.filter((m) => m.HttpMethod === 'OPTIONS'))
      assert.equal(m.AuthorizationType, 'NONE');
  });

  it('enables the stage cache with per-method TTLs and per-user cache keys', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      CacheClusterEnabled: true,
      CacheClusterSize: '0.5',
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/~1todos',
          HttpMethod: 'GET',
          CachingEnabled: true,
          CacheTtlInSeconds: 30,
        }),
        Match.objectLike({
          ResourcePath: '/~1todos~1{id}',
          HttpMethod: 'GET',
          CachingEnabled: true,
          CacheTtlInSeconds: 60,
        }),
        Match.objectLike({
          ResourcePath: '/~1me',
          HttpMethod: 'GET',
          CachingEnabled: true,
          CacheTtlInSeconds: 300,
        }),
      ]),
    });
    const gets = resources(template, 'AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.HttpMethod === 'GET',
    );
    assert.equal(gets.length, 3);
    for (const [, m] of gets) {
      assert.ok(m.Properties.Integration.CacheKeyParameters.includes('method.request.header.Authorization'));
      assert.equal(m.Properties.RequestParameters['method.request.header.Authorization'], true);
    }
    // Writes are never cached.
    const settings = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0]!.Properties
      .MethodSettings as { HttpMethod: string; CachingEnabled?: boolean }[];
    assert.ok(settings.every((s) => s.HttpMethod === 'GET' || !s.CachingEnabled));
  });

  it(`confines the authenticated role to private/${IDENTITY_SUB}/ of the bucket`, () => {
    assert.equal(IDENTITY_SUB, ['$', '{cognito-identity.amazonaws.com:sub}'].join(''));
    const [[bucketId]] = resources(template, 'AWS::S3::Bucket');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': Match.anyValue() },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          }),
        ],
      },
    });
    const policies = resources(template, 'AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('AuthAuthenticatedRole'),
    );
    assert.equal(policies.length, 1);
    const statements = policies[0]![1].Properties.PolicyDocument.Statement as Record<string, any>[];
    const objects = statements.find((s) => [s.Action].flat().includes('s3:GetObject'))!;
    assert.deepEqual(objects.Resource, {
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/private/${IDENTITY_SUB}/*`]],
    });
    const listing = statements.find((s) => s.Action === 's3:ListBucket')!;
    assert.deepEqual(listing.Condition, {
      StringLike: {
        's3:prefix': [`private/${IDENTITY_SUB}/`, `private/${IDENTITY_SUB}/*`],
      },
    });
    assert.equal(statements.length, 2, 'nothing else: no other bucket, table or service');
  });

  it('blocks public access to the attachments bucket and allows the web app CORS', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedMethods: Match.arrayWith(['GET', 'PUT']), AllowedOrigins: ['*'] }),
        ],
      },
    });
  });

  it('serves the web app from a private bucket through CloudFront with origin access control', () => {
    const [[bucketId]] = resources(template, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('SiteWeb'));
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      WebsiteConfiguration: Match.absent(),
    });
    const [[oacId, oac]] = resources(template, 'AWS::CloudFront::OriginAccessControl') as [
      [string, { Properties: { OriginAccessControlConfig: Record<string, unknown> } }],
    ];
    assert.equal(oac.Properties.OriginAccessControlConfig.SigningBehavior, 'always');
    assert.equal(oac.Properties.OriginAccessControlConfig.OriginAccessControlOriginType, 's3');
    const [[distributionId]] = resources(template, 'AWS::CloudFront::Distribution');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Enabled: true,
        DefaultRootObject: 'index.html',
        Origins: [
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
            OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
          }),
        ],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' },
        ],
      }),
    });
    // Only this distribution may read the bucket: CloudFront's service principal with its ARN as source.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: {
              StringEquals: {
                'AWS:SourceArn': {
                  'Fn::Join': Match.arrayWith([
                    Match.arrayWith([Match.stringLikeRegexp('^:distribution/$'), { Ref: distributionId }]),
                  ]),
                },
              },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
    });
    template.hasOutput('WebsiteUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] },
    });
  });

  it('keys the table by user and todo, with a per-user status index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'todoId', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'userId', KeyType: 'HASH' },
            { AttributeName: 'statusDue', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('runs the DAX cluster in private subnets, the table functions beside it', () => {
    const [[, group]] = resources(template, 'AWS::DAX::SubnetGroup');
    const subnetIds = (group.Properties.SubnetIds as { Ref: string }[]).map((s) => s.Ref);
    assert.equal(subnetIds.length, 2);
    const subnets = template.findResources('AWS::EC2::Subnet');
    for (const id of subnetIds) assert.equal(subnets[id]?.Properties.MapPublicIpOnLaunch, false);
    // No way in or out of the VPC: no internet gateway, no NAT, no route to 0.0.0.0/0.
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.hasResourceProperties('AWS::DAX::Cluster', {
      SubnetGroupName: { Ref: resources(template, 'AWS::DAX::SubnetGroup')[0]![0] },
      SSESpecification: { SSEEnabled: true },
      ClusterEndpointEncryptionType: 'TLS',
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 9111,
      ToPort: 9111,
      SourceSecurityGroupId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^ReadCacheFunctionsSecurityGroup'), 'GroupId'],
      },
    });
    template.hasResourceProperties('AWS::DAX::ParameterGroup', {
      ParameterNameValues: { 'record-ttl-millis': '300000', 'query-ttl-millis': '300000' },
    });
    const functions = resources(template, 'AWS::Lambda::Function').filter(([id]) =>
      id.startsWith('Functions'),
    );
    const inVpc = functions.filter(([, f]) => f.Properties.VpcConfig);
    assert.equal(functions.length, 6);
    assert.equal(inVpc.length, 5, 'every table function, not GET /me (it calls Cognito)');
    for (const [, f] of inVpc) {
      assert.deepEqual(
        f.Properties.VpcConfig.SubnetIds.map((s: { Ref: string }) => s.Ref).sort(),
        [...subnetIds].sort(),
      );
      assert.ok(f.Properties.Environment.Variables.DAX_ENDPOINT);
    }
  });

  it('grants each table function only its own DAX actions on the cluster', () => {
    const [[clusterId]] = resources(template, 'AWS::DAX::Cluster');
    const policy = (prefix: string) =>
      resources(template, 'AWS::IAM::Policy').find(([id]) => id.startsWith(prefix))![1].Properties
        .PolicyDocument.Statement as Record<string, any>[];
    const expected: Record<string, string[]> = {
      FunctionsListTodos: ['dax:Query'],
      FunctionsGetTodo: ['dax:GetItem'],
      FunctionsCreateTodo: ['dax:PutItem', 'dax:GetItem'],
      FunctionsUpdateTodo: ['dax:GetItem', 'dax:PutItem'],
      FunctionsDeleteTodo: ['dax:DeleteItem'],
    };
    for (const [prefix, actions] of Object.entries(expected)) {
      const statements = policy(prefix);
      assert.equal(statements.length, 1, prefix);
      assert.deepEqual([statements[0]!.Action].flat().sort(), [...actions].sort(), prefix);
      assert.deepEqual(statements[0]!.Resource, { 'Fn::GetAtt': [clusterId, 'Arn'] });
    }
    // GET /me: its identity id from this identity pool, and the profile item it records.
    const me = policy('FunctionsGetMe');
    assert.deepEqual(
      me.map((s) => s.Action),
      ['dynamodb:PutItem', 'cognito-identity:GetId'],
    );
    assert.match(JSON.stringify(me[1]!.Resource), /:identitypool\/"/);
  });

  it('without DAX, grants the functions their DynamoDB actions and places none in a VPC', () => {
    const plain = synth({ dax: false });
    plain.resourceCountIs('AWS::DAX::Cluster', 0);
    plain.resourceCountIs('AWS::EC2::VPC', 0);
    const getPolicy = resources(plain, 'AWS::IAM::Policy').find(([id]) => id.startsWith('FunctionsGetTodo'))!;
    const [statement] = getPolicy[1].Properties.PolicyDocument.Statement as Record<string, any>[];
    assert.equal(statement!.Action, 'dynamodb:GetItem');
  });
});
