// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { createStack } from '../support/cloudformation.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { httpsRequest } from './support.ts';

/** A distribution reading its bucket through an origin access identity. */
function distribution(bucket: string, identity: string) {
  return {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Origins: [
          {
            Id: 'site',
            DomainName: { 'Fn::GetAtt': [bucket, 'RegionalDomainName'] },
            S3OriginConfig: {
              OriginAccessIdentity: { 'Fn::Sub': `origin-access-identity/cloudfront/\${${identity}}` },
            },
          },
        ],
        DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'allow-all' },
      },
    },
  };
}

const read = (bucket: string, principal: object) => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: {
    Bucket: { Ref: bucket },
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: principal,
          Action: 's3:GetObject',
          Resource: { 'Fn::Sub': `\${${bucket}.Arn}/*` },
        },
      ],
    },
  },
});

/** CDK's two forms of an OAI grant (canonical user, IAM user ARN), and an identity the policy does not name. */
const template = {
  Resources: {
    ByCanonical: { Type: 'AWS::S3::Bucket', Properties: {} },
    ByArn: { Type: 'AWS::S3::Bucket', Properties: {} },
    Granted: {
      Type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
      Properties: { CloudFrontOriginAccessIdentityConfig: { Comment: 'granted' } },
    },
    Stranger: {
      Type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
      Properties: { CloudFrontOriginAccessIdentityConfig: { Comment: 'not in any policy' } },
    },
    CanonicalPolicy: read('ByCanonical', {
      CanonicalUser: { 'Fn::GetAtt': ['Granted', 'S3CanonicalUserId'] },
    }),
    ArnPolicy: read('ByArn', {
      AWS: { 'Fn::Sub': 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${Granted}' },
    }),
    ViaCanonical: distribution('ByCanonical', 'Granted'),
    ViaArn: distribution('ByArn', 'Granted'),
    ViaStranger: distribution('ByCanonical', 'Stranger'),
  },
  Outputs: {
    ByCanonical: { Value: { Ref: 'ByCanonical' } },
    ByArn: { Value: { Ref: 'ByArn' } },
    ViaCanonical: { Value: { 'Fn::GetAtt': ['ViaCanonical', 'DomainName'] } },
    ViaArn: { Value: { 'Fn::GetAtt': ['ViaArn', 'DomainName'] } },
    ViaStranger: { Value: { 'Fn::GetAtt': ['ViaStranger', 'DomainName'] } },
  },
};

describe('CloudFront distributions reading through an origin access identity (OAI)', () => {
  let stratus: Stratus;
  let outputs: Record<string, string>;

  before(async () => {
    stratus = await startStratus();
    outputs = await createStack(stratus, 'oai', template);
    const s3 = new S3Client({ ...clientConfig(stratus), forcePathStyle: true });
    for (const Bucket of [outputs.ByCanonical, outputs.ByArn]) {
      await s3.send(
        new PutObjectCommand({ Bucket, Key: 'page.html', Body: 'hello', ContentType: 'text/html' }),
      );
    }
    s3.destroy();
  });
  after(() => stratus.stop());

  const get = (host: string) => httpsRequest(stratus, { host, path: '/page.html' });

  it('reads a bucket whose policy grants the identity by its S3 canonical user id', async () => {
    const response = await get(outputs.ViaCanonical!);
    assert.equal(response.status, 200);
    assert.equal(response.body, 'hello');
  });

  it('reads a bucket whose policy grants the identity by its IAM user ARN', async () => {
    const response = await get(outputs.ViaArn!);
    assert.equal(response.status, 200);
    assert.equal(response.body, 'hello');
  });

  it('is denied through an identity the policy does not name', async () => {
    const response = await get(outputs.ViaStranger!);
    assert.equal(response.status, 403);
    assert.match(response.body, /<Code>AccessDenied<\/Code>/);
  });
});
