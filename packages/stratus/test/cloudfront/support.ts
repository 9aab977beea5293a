// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { Stratus } from '../../src/stratus.ts';
import { type RawResponse, readResponse } from '../support/http.ts';

/**
 * A request to the instance's HTTPS port with the Host (and TLS server name) of a distribution,
 * trusting Stratus's CA: the certificate must cover `*.cloudfront.localhost`.
 */
export function httpsRequest(
  stratus: Stratus,
  options: { host: string; path: string; method?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  const port = Number(new URL(stratus.httpsEndpoint!).port);
  const hostname = options.host.replace(/:\d+$/, '');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: hostname,
        ca: readFileSync(stratus.tls!.caFile),
        method: options.method ?? 'GET',
        path: options.path,
        headers: { ...options.headers, host: options.host },
        agent: false,
      },
      (res) => readResponse(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end();
  });
}

/** A private bucket behind two distributions with origin access control; the policy admits only the first. */
export const siteTemplate = {
  Resources: {
    Site: { Type: 'AWS::S3::Bucket', Properties: {} },
    Oac: {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: 'site-oac',
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    Headers: {
      Type: 'AWS::CloudFront::ResponseHeadersPolicy',
      Properties: {
        ResponseHeadersPolicyConfig: {
          Name: 'site-headers',
          CustomHeadersConfig: { Items: [{ Header: 'X-Site', Value: 'stratus', Override: true }] },
          SecurityHeadersConfig: { ContentTypeOptions: { Override: true } },
        },
      },
    },
    Distribution: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Aliases: ['www.example.com'],
          DefaultRootObject: 'index.html',
          Origins: [
            {
              Id: 'site',
              DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
              OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
            },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 'site',
            ViewerProtocolPolicy: 'redirect-to-https',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
            ResponseHeadersPolicyId: { Ref: 'Headers' },
          },
          CacheBehaviors: [
            {
              PathPattern: '/assets/*',
              TargetOriginId: 'site',
              ViewerProtocolPolicy: 'allow-all',
              AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
            },
          ],
          CustomErrorResponses: [
            { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' },
            { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' },
          ],
        },
      },
    },
    Other: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Origins: [
            {
              Id: 'site',
              DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
              OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
            },
          ],
          DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'allow-all' },
        },
      },
    },
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Site' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: { 'Fn::Sub': '${Site.Arn}/*' },
              Condition: {
                StringEquals: {
                  'AWS:SourceArn': {
                    'Fn::Sub': 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
                  },
                },
              },
            },
          ],
        },
      },
    },
  },
  Outputs: {
    Bucket: { Value: { Ref: 'Site' } },
    DistributionId: { Value: { Ref: 'Distribution' } },
    DomainName: { Value: { 'Fn::GetAtt': ['Distribution', 'DomainName'] } },
    OtherDomainName: { Value: { 'Fn::GetAtt': ['Other', 'DomainName'] } },
  },
};
