// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { rawRequest } from '../support/http.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { httpsRequest } from './support.ts';

/** A bucket website (on its AWS host name) and a plain HTTP server as custom origins of one distribution. */
function template(serverPort: number) {
  return {
    Resources: {
      Web: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          WebsiteConfiguration: { IndexDocument: 'index.html' },
          PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: false },
        },
      },
      Public: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Web' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: { 'Fn::Sub': '${Web.Arn}/*' },
              },
            ],
          },
        },
      },
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Enabled: true,
            Origins: [
              {
                Id: 'website',
                DomainName: {
                  'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Web', 'WebsiteURL'] }] }],
                },
                CustomOriginConfig: { OriginProtocolPolicy: 'http-only' },
              },
              {
                Id: 'backend',
                DomainName: '127.0.0.1',
                OriginPath: '/v1',
                OriginCustomHeaders: [{ HeaderName: 'X-Origin-Secret', HeaderValue: 's3cr3t' }],
                CustomOriginConfig: { HTTPPort: serverPort, OriginProtocolPolicy: 'http-only' },
              },
            ],
            DefaultCacheBehavior: { TargetOriginId: 'website', ViewerProtocolPolicy: 'https-only' },
            CacheBehaviors: [
              {
                PathPattern: 'api/*',
                TargetOriginId: 'backend',
                ViewerProtocolPolicy: 'allow-all',
                AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
              },
            ],
          },
        },
      },
    },
    Outputs: {
      Bucket: { Value: { Ref: 'Web' } },
      DomainName: { Value: { 'Fn::GetAtt': ['Distribution', 'DomainName'] } },
    },
  };
}

describe('CloudFront with custom origins', () => {
  let stratus: Stratus;
  let server: Server;
  let outputs: Record<string, string>;
  const seen: { method?: string; url?: string; secret?: string; body?: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, secret: String(req.headers['x-origin-secret']), body });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stratus = await startStratus();
    const cfn = new CloudFormationClient(clientConfig(stratus));
    const body = JSON.stringify(template((server.address() as AddressInfo).port));
    await cfn.send(new CreateStackCommand({ StackName: 'custom', TemplateBody: body }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'custom' }));
    cfn.destroy();
    assert.equal(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE', Stacks?.[0]?.StackStatusReason);
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    const s3 = new S3Client({ ...clientConfig(stratus), forcePathStyle: true });
    await s3.send(
      new PutObjectCommand({
        Bucket: outputs.Bucket,
        Key: 'index.html',
        Body: 'home',
        ContentType: 'text/html',
      }),
    );
    s3.destroy();
  });
  after(async () => {
    await stratus.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a bucket website endpoint (an AWS host name) from Stratus itself', async () => {
    const response = await httpsRequest(stratus, { host: outputs.DomainName!, path: '/' });
    assert.equal(response.status, 200, response.body);
    assert.equal(response.body, 'home');
    assert.equal(response.headers['x-cache'], 'Miss from cloudfront');
  });

  it('refuses HTTP for an https-only behaviour with a 403', async () => {
    const host = outputs.DomainName!.replace(/:\d+$/, `:${stratus.port}`);
    const response = await rawRequest(stratus, { host, path: '/' });
    assert.equal(response.status, 403);
    assert.match(response.body, /ERROR: The request could not be satisfied/);
  });

  it('forwards other methods, the body, the origin path and origin custom headers to a custom origin', async () => {
    const host = outputs.DomainName!.replace(/:\d+$/, `:${stratus.port}`);
    const response = await rawRequest(stratus, {
      host,
      path: '/api/items?limit=2',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
    assert.equal(response.status, 201);
    assert.equal(response.body, '{"ok":true}');
    assert.deepEqual(seen.at(-1), {
      method: 'POST',
      url: '/v1/api/items?limit=2',
      secret: 's3cr3t',
      body: '{"name":"x"}',
    });
  });
});
