import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { createStack } from '../support/cloudformation.ts';
import { rawRequest } from '../support/http.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { httpsRequest, siteTemplate } from './support.ts';

const INDEX = '<!doctype html><title>Site</title>';

describe('CloudFront distributions in front of a private bucket (OAC)', () => {
  let stratus: Stratus;
  let outputs: Record<string, string>;

  before(async () => {
    stratus = await startStratus();
    outputs = await createStack(stratus, 'site', siteTemplate);
    const s3 = new S3Client({ ...clientConfig(stratus), forcePathStyle: true });
    const put = (Key: string, Body: string, ContentType: string) =>
      s3.send(new PutObjectCommand({ Bucket: outputs.Bucket, Key, Body, ContentType }));
    await put('index.html', INDEX, 'text/html');
    await put('assets/app.js', 'console.log(1)', 'text/javascript');
    s3.destroy();
  });
  after(() => stratus.stop());

  const get = (path: string, options: { host?: string; method?: string } = {}) =>
    httpsRequest(stratus, { host: options.host ?? outputs.DomainName!, path, method: options.method });

  it('gives the distribution a d… domain on *.cloudfront.localhost at the HTTPS port', () => {
    const port = new URL(stratus.httpsEndpoint!).port;
    assert.match(outputs.DistributionId!, /^E[A-Z0-9]{13}$/);
    assert.match(outputs.DomainName!, new RegExp(`^d[a-z0-9]{13}\\.cloudfront\\.localhost:${port}$`));
  });

  it('serves the default root object over HTTPS with CloudFront headers and the response headers policy', async () => {
    const response = await get('/');
    assert.equal(response.status, 200, response.body);
    assert.equal(response.body, INDEX);
    assert.equal(response.headers['content-type'], 'text/html');
    assert.equal(response.headers['x-cache'], 'Miss from cloudfront');
    assert.match(String(response.headers.via), /^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    assert.match(String(response.headers['x-amz-cf-id']), /^[A-Za-z0-9_-]{54}==$/);
    assert.match(String(response.headers['x-amz-cf-pop']), /^[A-Z]{3}\d+-[A-Z]\d$/);
    assert.equal(response.headers['x-site'], 'stratus');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-amz-request-id'], undefined);
  });

  it('answers a deep link with index.html (the SPA 403 → /index.html 200 error response)', async () => {
    const response = await get('/todos/42');
    assert.equal(response.status, 200);
    assert.equal(response.body, INDEX);
    assert.equal(response.headers['x-cache'], 'Error from cloudfront');
  });

  it('routes by path pattern and honours HEAD', async () => {
    const response = await get('/assets/app.js');
    assert.equal(response.status, 200);
    assert.equal(response.body, 'console.log(1)');
    const head = await get('/assets/app.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '14');
    assert.equal(head.body, '');
  });

  it('redirects HTTP to HTTPS (redirect-to-https) but serves allow-all behaviours over HTTP', async () => {
    const host = outputs.DomainName!.replace(/:\d+$/, `:${stratus.port}`);
    const redirect = await rawRequest(stratus, { host, path: '/todos?x=1' });
    assert.equal(redirect.status, 301);
    const port = new URL(stratus.httpsEndpoint!).port;
    assert.equal(redirect.headers.location, `https://${host.replace(/:\d+$/, '')}:${port}/todos?x=1`);
    const asset = await rawRequest(stratus, { host, path: '/assets/app.js' });
    assert.equal(asset.status, 200);
    assert.equal(asset.body, 'console.log(1)');
  });

  it('refuses methods the behaviour does not allow with CloudFront’s 403 page', async () => {
    const response = await get('/index.html', { method: 'DELETE' });
    assert.equal(response.status, 403);
    assert.match(response.body, /not configured to allow the HTTP request method/);
    assert.equal(response.headers['x-cache'], 'Error from cloudfront');
  });

  it('is denied by a bucket policy that names another distribution: S3’s AccessDenied, 403', async () => {
    const response = await get('/index.html', { host: outputs.OtherDomainName! });
    assert.equal(response.status, 403);
    assert.match(response.body, /<Code>AccessDenied<\/Code>/);
    assert.equal(response.headers['x-cache'], 'Error from cloudfront');
  });

  it('serves path style under /_stratus/cloudfront/<id>/ for clients without *.localhost', async () => {
    const path = `/_stratus/cloudfront/${outputs.DistributionId}/index.html`;
    const response = await httpsRequest(stratus, { host: 'localhost', path });
    assert.equal(response.status, 200);
    assert.equal(response.body, INDEX);
    const redirect = await rawRequest(stratus, { path });
    assert.equal(redirect.status, 301);
    assert.match(String(redirect.headers.location), new RegExp(`^https://127\\.0\\.0\\.1:\\d+${path}$`));
  });

  it('answers an unknown distribution with CloudFront’s 403 error page', async () => {
    const response = await get('/', { host: 'd0000000000000.cloudfront.localhost' });
    assert.equal(response.status, 403);
    assert.match(response.body, /ERROR: The request could not be satisfied/);
    assert.match(response.body, /Generated by cloudfront \(CloudFront\)/);
  });
});
