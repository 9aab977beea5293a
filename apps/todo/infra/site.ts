import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Distribution, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

const webDir = fileURLToPath(new URL('../web/', import.meta.url));
/** The browser build of amazon-cognito-identity-js (SRP sign-in), served from the site itself. */
const cognitoBundle = createRequire(import.meta.url).resolve(
  'amazon-cognito-identity-js/dist/amazon-cognito-identity.min.js',
);

/** What the web app reads from `config.json` (deploy-time values). */
export interface SiteConfig {
  readonly apiUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly identityPoolId: string;
  readonly attachmentsBucket: string;
}

/**
 * The PWA (`web/`) in a private bucket behind a CloudFront distribution with origin access control:
 * the bucket policy lets only this distribution read (service principal + `aws:SourceArn`), and the
 * site is served over HTTPS, a secure context, so its service worker installs and the app can be
 * installed. Deep links answer `index.html` (403/404 → 200). The files go up as they are (no build
 * step), with the Cognito bundle under `vendor/` and `config.json` written at deploy time with the
 * stack's values; a redeploy invalidates the distribution. The site derives the service endpoints
 * from `urlSuffix` (AWS) or from its own host (Stratus).
 */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, config: SiteConfig) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Web', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.distribution = new Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      defaultRootObject: 'index.html',
      // A single-page app: a path that is no object (403 from a private bucket) is the app itself.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
      })),
    });
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      sources: [
        Source.asset(webDir),
        Source.data('vendor/amazon-cognito-identity.min.js', readFileSync(cognitoBundle, 'utf8')),
        Source.jsonData('config.json', { ...config, urlSuffix: Aws.URL_SUFFIX }),
      ],
    });
  }

  /** The site's address: `https://<distribution domain>/`. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
