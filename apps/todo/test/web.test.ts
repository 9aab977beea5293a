import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { connect } from 'node:tls';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudFrontClient,
  ListDistributionsCommand,
  ListInvalidationsCommand,
} from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../../packages/stratus/test/support/browser.ts';
import { type CliProcess, REPO_ROOT, startCli } from '../../../packages/stratus/test/support/cli.ts';
import { testCredentials } from './users.ts';

/**
 * The PWA (apps/todo/web) in Chromium against `stratus dev apps/todo`: served over HTTPS by the
 * CloudFront distribution in front of its private bucket (origin access control), with its
 * deploy-time config.json, it installs its service worker, signs up (code from the outbox), signs
 * in with SRP, manages a todo and puts/gets its attachment straight to/from S3 with identity-pool
 * credentials.
 */
describe('MyTodoList web app in a browser', () => {
  let dev: CliProcess;
  let browser: Browser;
  let page: Page;
  let endpoint: string;
  let outputs: Record<string, string>;
  let site: string;
  let siteBucket: string;
  const errors: string[] = [];

  before(async () => {
    dev = startCli(['dev', 'apps/todo', '--ephemeral', '--port', '0', '--https-port', '0', '--no-watch']);
    const serving = await dev.waitFor(/serving at (http:\/\/127\.0\.0\.1:\d+) and https:\/\/localhost:(\d+)/);
    endpoint = serving[1]!;
    const httpsPort = Number(serving[2]);
    await dev.waitFor(/Stack MyTodoList: (CREATE|UPDATE)_COMPLETE/, 180_000);
    const cfn = new CloudFormationClient({ endpoint, region: 'us-east-1', credentials: testCredentials });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'MyTodoList' }));
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'MyTodoList' }));
    cfn.destroy();
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    siteBucket = StackResources!.find(
      (r) => r.ResourceType === 'AWS::S3::Bucket' && r.LogicalResourceId!.startsWith('SiteWeb'),
    )!.PhysicalResourceId!;
    // The distribution's URL as the stack prints it: HTTPS on *.cloudfront.localhost, which Chromium resolves.
    site = outputs.WebsiteUrl!;
    // Chromium trusts Stratus's certificate (by its public key), so the site is a secure context
    // without certificate errors and its service worker registers.
    browser = await launchBrowser([
      `--ignore-certificate-errors-spki-list=${await publicKeyHash(httpsPort)}`,
    ]);
    // A phone-sized viewport: the app is mobile first.
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400)
        errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    page.on('dialog', (dialog) => dialog.accept('Buy oat milk'));
  });
  after(async () => {
    await browser?.close();
    await dev?.stop();
  });

  const status = () => page.locator('#status');
  const todo = () => page.locator('#todo-list .todo');

  it('prints the CloudFront URL and serves its deploy-time config over HTTPS', async () => {
    assert.match(site, /^https:\/\/d[a-z0-9]{13}\.cloudfront\.localhost:\d+\/$/);
    assert.ok(dev.output().includes(`WebsiteUrl = ${site}`), dev.output());
    // Node does not resolve *.localhost (Chromium does): read the site's files through the browser.
    const config = await (await page.goto(new URL('config.json', site).href))!.json();
    assert.deepEqual(config, {
      apiUrl: outputs.ApiUrl,
      region: outputs.Region,
      userPoolId: outputs.UserPoolId,
      userPoolClientId: outputs.UserPoolClientId,
      identityPoolId: outputs.IdentityPoolId,
      attachmentsBucket: outputs.AttachmentsBucket,
      urlSuffix: 'amazonaws.com',
    });
    const manifest = await (await page.goto(new URL('manifest.webmanifest', site).href))!.json();
    assert.equal(manifest.display, 'standalone');
  });

  it('invalidates the distribution after the site is deployed, as BucketDeployment does on AWS', async () => {
    const cloudfront = new CloudFrontClient({ endpoint, region: 'us-east-1', credentials: testCredentials });
    try {
      const { DistributionList } = await cloudfront.send(new ListDistributionsCommand({}));
      const distribution = DistributionList?.Items?.find((d) => site.startsWith(`https://${d.DomainName}/`));
      assert.ok(distribution, 'the site is served by a listed distribution');
      const { InvalidationList } = await cloudfront.send(
        new ListInvalidationsCommand({ DistributionId: distribution.Id }),
      );
      assert.deepEqual(
        InvalidationList?.Items?.map((i) => i.Status),
        ['Completed'],
      );
    } finally {
      cloudfront.destroy();
    }
  });

  it('keeps the bucket private: only the distribution reads it, HTTP redirects to HTTPS', async () => {
    const direct = await fetch(`${endpoint}/${siteBucket}/index.html`);
    assert.equal(direct.status, 403);
    const id = new URL(site).hostname.split('.')[0];
    const viaHttp = await fetch(`${endpoint}/_stratus/cloudfront/${id}/index.html`, { redirect: 'manual' });
    assert.equal(viaHttp.status, 301);
    assert.match(
      viaHttp.headers.get('location') ?? '',
      /^https:\/\/127\.0\.0\.1:\d+\/_stratus\/cloudfront\//,
    );
    // A path that is no object is the app itself (403 from the private bucket → /index.html, 200).
    const deepLink = (await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text() };
    }, new URL('todos/some-id', site).href)) as { status: number; cache: string; text: string };
    assert.equal(deepLink.status, 200);
    assert.equal(deepLink.cache, 'Error from cloudfront');
    assert.match(deepLink.text, /<html/i);
  });

  it('signs up, confirms with the emailed code and signs in', async () => {
    await page.goto(site);
    await page.locator('body[data-ready=true]').waitFor();
    await page.fill('[name=email]', 'carol@example.com');
    await page.fill('[name=password]', 'pass-word-42');
    await page.click('#sign-up');
    await page.locator('#confirm-form').waitFor();
    const code = await confirmationCode(endpoint, 'carol@example.com');
    await page.fill('[name=code]', code);
    await page.click('#confirm-form button[type=submit]');
    await page.locator('#todos').waitFor();
    assert.equal(await status().textContent(), 'Signed in as carol@example.com', errors.join('\n'));
    // The service worker installed: the whole app shell is in its cache (install fails on any miss).
    const shell = await page.evaluate(`navigator.serviceWorker.ready
      .then(() => caches.open('todo-shell-v1'))
      .then((cache) => cache.keys())
      .then((requests) => requests.map((r) => new URL(r.url).pathname).sort())`);
    assert.ok((shell as string[]).includes('/vendor/amazon-cognito-identity.min.js'), JSON.stringify(shell));
    assert.ok((shell as string[]).includes('/index.html'), JSON.stringify(shell));
  });

  it('creates and edits a todo, attaches a file to S3 and sees both after a reload', async () => {
    await page.fill('[name=title]', 'Buy milk');
    await page.click('#new-todo button[type=submit]');
    await todo().filter({ hasText: 'Buy milk' }).waitFor();
    await todo().locator('.edit').click();
    await todo().filter({ hasText: 'Buy oat milk' }).waitFor();

    await todo()
      .locator('input[type=file]')
      .setInputFiles({ name: 'list.txt', mimeType: 'text/plain', buffer: Buffer.from('oat, not cow') });
    await todo().locator('.attachment', { hasText: 'list.txt' }).waitFor();
    await page.reload();
    await page.locator('body[data-ready=true]').waitFor();
    await todo().locator('.attachment', { hasText: 'list.txt' }).waitFor();
    assert.equal(await todo().locator('.title').textContent(), 'Buy oat milk');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      todo().locator('.attachment').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'list.txt');
    assert.equal(await status().textContent(), 'Downloaded list.txt (12 bytes)');

    // The object is in the user's own folder in the attachments bucket.
    const s3 = new S3Client({
      endpoint,
      region: outputs.Region,
      forcePathStyle: true,
      credentials: testCredentials,
    });
    const id = await todo().getAttribute('data-id');
    const { Contents } = await listFolder(s3, outputs.AttachmentsBucket!);
    const key = Contents.find((k) => k.endsWith(`/${id}/list.txt`));
    assert.match(key ?? '', /^private\/us-east-1:[0-9a-f-]{36}\//);
    const object = await s3.send(new GetObjectCommand({ Bucket: outputs.AttachmentsBucket, Key: key }));
    assert.equal(await object.Body!.transformToString(), 'oat, not cow');
    s3.destroy();
  });

  it('completes and deletes the todo (screenshot in test-artifacts/)', async () => {
    await todo().locator('.done').check();
    await page.locator('#todo-list .todo.is-done').waitFor();
    mkdirSync(`${REPO_ROOT}test-artifacts`, { recursive: true });
    await page.screenshot({ path: `${REPO_ROOT}test-artifacts/todo-web.png`, fullPage: true });
    await todo().locator('.delete').click();
    await page.locator('#status', { hasText: 'Deleted “Buy oat milk”' }).waitFor();
    assert.equal(await todo().count(), 0);
    assert.deepEqual(errors, []);
  });
});

/** The code Stratus "emailed" to `email` (the outbox may record it just after SignUp answers). */
async function confirmationCode(endpoint: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const messages = (await (
      await fetch(`${endpoint}/_stratus/outbox?to=${encodeURIComponent(email)}`)
    ).json()) as { kind: string; details: { code?: string } }[];
    const code = messages.findLast((m) => m.kind === 'confirmation-code')?.details.code;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no confirmation code for ${email} in the outbox`);
}

async function listFolder(s3: S3Client, bucket: string): Promise<{ Contents: string[] }> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'private/' }));
  return { Contents: Contents.map((c) => c.Key!) };
}

/** The base64 SHA-256 of the public key of the certificate Stratus serves on `port` (what Chromium's SPKI list takes). */
async function publicKeyHash(port: number): Promise<string> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false },
      () => {
        resolve(socket.getPeerCertificate().raw);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
  const spki = new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
