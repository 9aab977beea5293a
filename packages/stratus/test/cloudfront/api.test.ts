import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetCachePolicyCommand,
  GetCloudFrontOriginAccessIdentityCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  GetOriginAccessControlCommand,
  GetResponseHeadersPolicyCommand,
  ListDistributionsCommand,
  NoSuchDistribution,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { siteTemplate } from './support.ts';

describe('CloudFront API through the AWS SDK', () => {
  let stratus: Stratus;
  let cloudfront: CloudFrontClient;
  let cfn: CloudFormationClient;
  let id: string;
  let bucket: string;

  before(async () => {
    stratus = await startStratus();
    cloudfront = new CloudFrontClient(clientConfig(stratus));
    cfn = new CloudFormationClient(clientConfig(stratus));
    await cfn.send(new CreateStackCommand({ StackName: 'site', TemplateBody: JSON.stringify(siteTemplate) }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'site' }));
    const output = (key: string) => Stacks![0]!.Outputs!.find((o) => o.OutputKey === key)!.OutputValue!;
    id = output('DistributionId');
    bucket = output('Bucket');
  });
  after(async () => {
    cloudfront.destroy();
    cfn.destroy();
    await stratus.stop();
  });

  it('GetDistribution shows the CloudFormation configuration in the API’s form, deployed', async () => {
    const { Distribution, ETag } = await cloudfront.send(new GetDistributionCommand({ Id: id }));
    assert.match(ETag ?? '', /^E[A-Z0-9]{13}$/);
    assert.equal(Distribution?.Id, id);
    assert.equal(Distribution?.ARN, `arn:aws:cloudfront::000000000000:distribution/${id}`);
    assert.equal(Distribution?.Status, 'Deployed');
    assert.match(Distribution?.DomainName ?? '', /^d[a-z0-9]{13}\.cloudfront\.localhost:\d+$/);
    const config = Distribution!.DistributionConfig!;
    assert.equal(config.Enabled, true);
    assert.equal(config.DefaultRootObject, 'index.html');
    assert.deepEqual(config.Aliases, { Quantity: 1, Items: ['www.example.com'] });
    assert.equal(config.Origins?.Quantity, 1);
    const origin = config.Origins!.Items![0]!;
    assert.equal(origin.DomainName, `${bucket}.s3.us-east-1.amazonaws.com`);
    assert.match(origin.OriginAccessControlId ?? '', /^E[A-Z0-9]{13}$/);
    assert.equal(config.DefaultCacheBehavior?.ViewerProtocolPolicy, 'redirect-to-https');
    assert.deepEqual(config.DefaultCacheBehavior?.AllowedMethods?.Items, ['GET', 'HEAD']);
    assert.equal(config.CacheBehaviors?.Items?.[0]?.PathPattern, '/assets/*');
    assert.deepEqual(config.CacheBehaviors?.Items?.[0]?.AllowedMethods?.Items, ['GET', 'HEAD', 'OPTIONS']);
    assert.deepEqual(
      config.CustomErrorResponses?.Items?.map((r) => [r.ErrorCode, r.ResponseCode, r.ResponsePagePath]),
      [
        [403, '200', '/index.html'],
        [404, '200', '/index.html'],
      ],
    );
    const { OriginAccessControl } = await cloudfront.send(
      new GetOriginAccessControlCommand({ Id: origin.OriginAccessControlId! }),
    );
    assert.equal(OriginAccessControl?.OriginAccessControlConfig?.SigningBehavior, 'always');
  });

  it('ListDistributions lists both distributions', async () => {
    const { DistributionList } = await cloudfront.send(new ListDistributionsCommand({}));
    assert.equal(DistributionList?.Quantity, 2);
    assert.equal(DistributionList?.IsTruncated, false);
    assert.ok(DistributionList?.Items?.some((d) => d.Id === id && d.Enabled === true));
    const first = await cloudfront.send(new ListDistributionsCommand({ MaxItems: 1 }));
    assert.equal(first.DistributionList?.IsTruncated, true);
    const rest = await cloudfront.send(
      new ListDistributionsCommand({ Marker: first.DistributionList?.NextMarker }),
    );
    assert.equal(rest.DistributionList?.Quantity, 1);
  });

  it('CreateInvalidation records the paths and answers as AWS does (Completed at once: no cache)', async () => {
    const { Invalidation, Location } = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: 'deploy-1',
          Paths: { Quantity: 2, Items: ['/*', '/index.html'] },
        },
      }),
    );
    assert.match(Invalidation?.Id ?? '', /^I[A-Z0-9]{13}$/);
    assert.equal(
      Location,
      `https://cloudfront.amazonaws.com/2020-05-31/distribution/${id}/invalidation/${Invalidation?.Id}`,
    );
    const got = await cloudfront.send(
      new GetInvalidationCommand({ DistributionId: id, Id: Invalidation!.Id! }),
    );
    assert.equal(got.Invalidation?.Status, 'Completed');
    assert.deepEqual(got.Invalidation?.InvalidationBatch?.Paths?.Items, ['/*', '/index.html']);
    assert.equal(got.Invalidation?.InvalidationBatch?.CallerReference, 'deploy-1');
  });

  it('answers NoSuchDistribution (404) and PreconditionFailed for a stale If-Match', async () => {
    await assert.rejects(cloudfront.send(new GetDistributionCommand({ Id: 'E000000000000X' })), (error) => {
      assert.ok(error instanceof NoSuchDistribution);
      assert.equal(error.message, 'The specified distribution does not exist.');
      assert.equal(error.$metadata.httpStatusCode, 404);
      return true;
    });
    const { Distribution } = await cloudfront.send(new GetDistributionCommand({ Id: id }));
    await assert.rejects(
      cloudfront.send(
        new UpdateDistributionCommand({
          Id: id,
          IfMatch: 'E0000000000000',
          DistributionConfig: Distribution!.DistributionConfig!,
        }),
      ),
      { name: 'PreconditionFailed' },
    );
  });

  it('records cache policies, response headers policies and OAIs in the API’s form', async () => {
    const template = {
      Resources: {
        Cache: {
          Type: 'AWS::CloudFront::CachePolicy',
          Properties: {
            CachePolicyConfig: {
              Name: 'by-auth',
              MinTTL: 0,
              DefaultTTL: '60',
              MaxTTL: 3600,
              ParametersInCacheKeyAndForwardedToOrigin: {
                EnableAcceptEncodingGzip: 'true',
                HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
                CookiesConfig: { CookieBehavior: 'none' },
                QueryStringsConfig: { QueryStringBehavior: 'all' },
              },
            },
          },
        },
        Oai: {
          Type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
          Properties: { CloudFrontOriginAccessIdentityConfig: { Comment: 'legacy' } },
        },
      },
      Outputs: {
        Cache: { Value: { Ref: 'Cache' } },
        Oai: { Value: { Ref: 'Oai' } },
        Canonical: { Value: { 'Fn::GetAtt': ['Oai', 'S3CanonicalUserId'] } },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'policies', TemplateBody: JSON.stringify(template) }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'policies' }));
    const output = (key: string) => Stacks![0]!.Outputs!.find((o) => o.OutputKey === key)!.OutputValue!;
    const { CachePolicy } = await cloudfront.send(new GetCachePolicyCommand({ Id: output('Cache') }));
    const config = CachePolicy!.CachePolicyConfig!;
    assert.equal(config.DefaultTTL, 60);
    const parameters = config.ParametersInCacheKeyAndForwardedToOrigin!;
    assert.equal(parameters.EnableAcceptEncodingGzip, true);
    assert.deepEqual(parameters.HeadersConfig, {
      HeaderBehavior: 'whitelist',
      Headers: { Quantity: 1, Items: ['Authorization'] },
    });
    const oai = await cloudfront.send(new GetCloudFrontOriginAccessIdentityCommand({ Id: output('Oai') }));
    assert.match(output('Oai'), /^E[A-Z0-9]{13}$/);
    assert.equal(oai.CloudFrontOriginAccessIdentity?.S3CanonicalUserId, output('Canonical'));
    assert.match(output('Canonical'), /^[0-9a-f]{96}$/);
    assert.equal(oai.CloudFrontOriginAccessIdentity?.CloudFrontOriginAccessIdentityConfig?.Comment, 'legacy');
    const { DistributionConfig } = (await cloudfront.send(new GetDistributionCommand({ Id: id })))
      .Distribution!;
    const headersPolicyId = DistributionConfig!.DefaultCacheBehavior!.ResponseHeadersPolicyId!;
    const { ResponseHeadersPolicy } = await cloudfront.send(
      new GetResponseHeadersPolicyCommand({ Id: headersPolicyId }),
    );
    assert.deepEqual(ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.CustomHeadersConfig, {
      Quantity: 1,
      Items: [{ Header: 'X-Site', Value: 'stratus', Override: true }],
    });
  });

  it('deletes the distributions with the stack (disabled first, as CloudFormation does)', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'site' }));
    await assert.rejects(cloudfront.send(new GetDistributionCommand({ Id: id })), {
      name: 'NoSuchDistribution',
    });
    const { DistributionList } = await cloudfront.send(new ListDistributionsCommand({}));
    assert.equal(DistributionList?.Quantity, 0);
  });
});
