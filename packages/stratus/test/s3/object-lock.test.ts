import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { sign } from '../support/sigv4.ts';
import { clientConfig } from '../support/stratus.ts';
import { advanceClock, failure, roleClient, startS3 } from './helpers.ts';

const DAY = 86_400_000;

describe('s3: Object Lock (retention, legal hold, default retention) on the Stratus clock', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let stop: () => Promise<void>;
  const advance = (ms: number) => advanceClock(stratus, s3, ms);
  const inDays = (days: number) => new Date(stratus.clock.now() + days * DAY);
  const lockedBucket = async (Bucket: string) => {
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
  };
  const put = async (Bucket: string, Key: string, extra: Partial<PutObjectCommand['input']> = {}) =>
    (await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key, ...extra }))).VersionId!;
  const retain = (Bucket: string, Key: string, Mode: 'GOVERNANCE' | 'COMPLIANCE', until: Date, more = {}) =>
    s3.send(
      new PutObjectRetentionCommand({ Bucket, Key, Retention: { Mode, RetainUntilDate: until }, ...more }),
    );

  before(async () => {
    ({ stratus, s3, stop } = await startS3(['plain']));
  });
  after(() => stop());

  it('creates a bucket with Object Lock: versioning Enabled for good, configuration readable', async () => {
    await lockedBucket('vault');
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'vault' }));
    assert.equal(versioning.Status, 'Enabled');
    const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'vault' }));
    assert.deepEqual(config.ObjectLockConfiguration, { ObjectLockEnabled: 'Enabled' });
    const suspend = await failure(
      s3.send(
        new PutBucketVersioningCommand({ Bucket: 'vault', VersioningConfiguration: { Status: 'Suspended' } }),
      ),
    );
    assert.equal(suspend.name, 'InvalidBucketState');
    assert.equal(suspend.$metadata.httpStatusCode, 409);
  });

  it('refuses lock calls on a bucket without Object Lock', async () => {
    await put('plain', 'file');
    const config = await failure(s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'plain' })));
    assert.equal(config.name, 'ObjectLockConfigurationNotFoundError');
    assert.equal(config.$metadata.httpStatusCode, 404);
    const retention = await failure(retain('plain', 'file', 'GOVERNANCE', inDays(1)));
    assert.equal(retention.name, 'InvalidRequest');
    assert.equal(retention.message, 'Bucket is missing Object Lock Configuration');
    const hold = await failure(s3.send(new GetObjectLegalHoldCommand({ Bucket: 'plain', Key: 'file' })));
    assert.equal(hold.name, 'InvalidRequest');
    const upload = await failure(
      put('plain', 'locked', { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) }),
    );
    assert.equal(upload.name, 'InvalidRequest');
    assert.equal(upload.message, 'Bucket is missing ObjectLockConfiguration');
    const bypass = await failure(
      s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'file', BypassGovernanceRetention: true })),
    );
    assert.equal(bypass.name, 'InvalidArgument');
    const configure = await failure(
      s3.send(
        new PutObjectLockConfigurationCommand({
          Bucket: 'plain',
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
        }),
      ),
    );
    assert.equal(configure.name, 'InvalidBucketState');
    assert.equal(configure.$metadata.httpStatusCode, 409);
  });

  it('validates the default retention and turns Object Lock on for a versioned bucket', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'later' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'later', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const configure = (DefaultRetention: Record<string, unknown>) =>
      s3.send(
        new PutObjectLockConfigurationCommand({
          Bucket: 'later',
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention } },
        }),
      );
    const both = await failure(configure({ Mode: 'GOVERNANCE', Days: 1, Years: 1 }));
    assert.equal(both.name, 'MalformedXML');
    const zero = await failure(configure({ Mode: 'GOVERNANCE', Days: 0 }));
    assert.equal(zero.name, 'InvalidArgument');
    assert.equal(zero.message, 'Default retention period must be a positive integer value.');
    const tooLong = await failure(configure({ Mode: 'COMPLIANCE', Years: 101 }));
    assert.equal(tooLong.message, 'Default retention period too large.');
    await configure({ Mode: 'GOVERNANCE', Days: 3 });
    const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'later' }));
    assert.deepEqual(config.ObjectLockConfiguration, {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3 } },
    });
  });

  it('sets and reads retention; HEAD and GET answer the lock headers', async () => {
    await put('vault', 'report');
    const missing = await failure(s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'report' })));
    assert.equal(missing.name, 'NoSuchObjectLockConfiguration');
    const until = new Date(Math.floor(inDays(2).getTime() / 1000) * 1000);
    await retain('vault', 'report', 'GOVERNANCE', until);
    const read = await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'report' }));
    assert.deepEqual(read.Retention, { Mode: 'GOVERNANCE', RetainUntilDate: until });
    await s3.send(
      new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'report', LegalHold: { Status: 'OFF' } }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: 'report' }));
    assert.equal(head.ObjectLockMode, 'GOVERNANCE');
    assert.deepEqual(head.ObjectLockRetainUntilDate, until);
    assert.equal(head.ObjectLockLegalHoldStatus, 'OFF');
    const get = await s3.send(new GetObjectCommand({ Bucket: 'vault', Key: 'report' }));
    await get.Body!.transformToString();
    assert.equal(get.ObjectLockMode, 'GOVERNANCE');
    assert.deepEqual(get.ObjectLockRetainUntilDate, until);
  });

  it('extends freely; shortens or changes GOVERNANCE only with the bypass; never weakens COMPLIANCE', async () => {
    await put('vault', 'gov');
    await retain('vault', 'gov', 'GOVERNANCE', inDays(2));
    await retain('vault', 'gov', 'GOVERNANCE', inDays(3));
    const shorter = await failure(retain('vault', 'gov', 'GOVERNANCE', inDays(1)));
    assert.equal(shorter.name, 'AccessDenied');
    assert.equal(shorter.$metadata.httpStatusCode, 403);
    const toCompliance = await failure(retain('vault', 'gov', 'COMPLIANCE', inDays(3)));
    assert.equal(toCompliance.name, 'AccessDenied');
    const shortened = inDays(1);
    await retain('vault', 'gov', 'GOVERNANCE', shortened, { BypassGovernanceRetention: true });
    const read = await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'gov' }));
    assert.deepEqual(read.Retention?.RetainUntilDate, shortened);
    const badMode = await failure(retain('vault', 'gov', 'governance' as 'GOVERNANCE', inDays(9)));
    assert.equal(badMode.name, 'MalformedXML');

    await put('vault', 'strict', { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: inDays(2) });
    for (const attempt of [
      retain('vault', 'strict', 'COMPLIANCE', inDays(1), { BypassGovernanceRetention: true }),
      retain('vault', 'strict', 'GOVERNANCE', inDays(5), { BypassGovernanceRetention: true }),
      s3.send(new PutObjectRetentionCommand({ Bucket: 'vault', Key: 'strict', Retention: {} })),
    ]) {
      assert.equal((await failure(attempt)).name, 'AccessDenied');
    }
    await retain('vault', 'strict', 'COMPLIANCE', inDays(4));

    const past = await failure(retain('vault', 'gov', 'GOVERNANCE', inDays(-1)));
    assert.equal(past.name, 'InvalidArgument');
    assert.equal(past.message, 'The retain until date must be in the future!');
    const pastHeader = await failure(
      put('vault', 'late', { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(-1) }),
    );
    assert.equal(pastHeader.name, 'InvalidArgument');
    const half = await failure(put('vault', 'half', { ObjectLockRetainUntilDate: inDays(1) }));
    assert.equal(half.name, 'InvalidArgument');
    assert.equal(
      half.message,
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
    );
    const unknown = await failure(
      put('vault', 'odd', {
        ObjectLockMode: 'FOREVER' as 'GOVERNANCE',
        ObjectLockRetainUntilDate: inDays(1),
      }),
    );
    assert.equal(unknown.name, 'InvalidArgument');
    assert.equal(unknown.message, 'Unknown wormMode directive.');
  });

  it('answers an unreadable retain-until header with InvalidArgument', async () => {
    const call = await sign(stratus, {
      service: 's3',
      method: 'PUT',
      path: '/vault/undated',
      headers: {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'x-amz-object-lock-mode': 'GOVERNANCE',
        'x-amz-object-lock-retain-until-date': 'next tuesday',
      },
      body: 'x',
    });
    const response = await fetch(`${stratus.endpoint}${call.path}`, {
      method: 'PUT',
      headers: call.headers,
      body: 'x',
    });
    assert.equal(response.status, 400);
    const body = await response.text();
    assert.match(body, /<Code>InvalidArgument<\/Code>/);
    assert.match(body, /<Message>The retain until date must be provided in ISO 8601 format<\/Message>/);
    assert.match(body, /<ArgumentName>x-amz-object-lock-retain-until-date<\/ArgumentName>/);
  });

  it('refuses to delete a retained version until its date passes by the Stratus clock', async () => {
    const versionId = await put('vault', 'kept', {
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: inDays(1),
    });
    const refused = await failure(
      s3.send(
        new DeleteObjectCommand({
          Bucket: 'vault',
          Key: 'kept',
          VersionId: versionId,
          BypassGovernanceRetention: true,
        }),
      ),
    );
    assert.equal(refused.name, 'AccessDenied');
    assert.equal(refused.message, 'Access Denied because object protected by object lock.');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'kept' }));
    assert.equal(marker.DeleteMarker, true, 'a delete without a version id still adds a delete marker');
    advance(DAY + 1000);
    await s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'kept', VersionId: versionId }));
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'vault', Prefix: 'kept' }));
    assert.equal(versions.Versions, undefined);
  });

  it('honours the governance bypass in DeleteObject and DeleteObjects, version by version', async () => {
    const locked = await put('vault', 'g1', {
      ObjectLockMode: 'GOVERNANCE',
      ObjectLockRetainUntilDate: inDays(1),
    });
    const free = await put('vault', 'g2');
    const batch = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'vault',
        Delete: {
          Objects: [
            { Key: 'g1', VersionId: locked },
            { Key: 'g2', VersionId: free },
          ],
        },
      }),
    );
    assert.deepEqual(
      batch.Errors?.map((e) => [e.Key, e.VersionId, e.Code]),
      [['g1', locked, 'AccessDenied']],
    );
    assert.deepEqual(
      batch.Deleted?.map((d) => [d.Key, d.VersionId]),
      [['g2', free]],
    );
    const bypassed = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'vault',
        BypassGovernanceRetention: true,
        Delete: { Objects: [{ Key: 'g1', VersionId: locked }] },
      }),
    );
    assert.equal(bypassed.Errors, undefined);
    assert.deepEqual(
      bypassed.Deleted?.map((d) => d.VersionId),
      [locked],
    );
  });

  it('keeps a version under legal hold, bypass or not, until the hold is lifted', async () => {
    const versionId = await put('vault', 'evidence', { ObjectLockLegalHoldStatus: 'ON' });
    const hold = await s3.send(new GetObjectLegalHoldCommand({ Bucket: 'vault', Key: 'evidence' }));
    assert.equal(hold.LegalHold?.Status, 'ON');
    const del = () =>
      s3.send(
        new DeleteObjectCommand({
          Bucket: 'vault',
          Key: 'evidence',
          VersionId: versionId,
          BypassGovernanceRetention: true,
        }),
      );
    assert.equal((await failure(del())).name, 'AccessDenied');
    const bad = await failure(
      s3.send(
        new PutObjectLegalHoldCommand({
          Bucket: 'vault',
          Key: 'evidence',
          LegalHold: { Status: 'MAYBE' as 'ON' },
        }),
      ),
    );
    assert.equal(bad.name, 'MalformedXML');
    await s3.send(
      new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'evidence', LegalHold: { Status: 'OFF' } }),
    );
    await del();
  });

  it('gives new versions the bucket default retention (PutObject, CopyObject, multipart)', async () => {
    await lockedBucket('defaults');
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: 'defaults',
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2 } },
        },
      }),
    );
    const expected = Math.floor(inDays(2).getTime() / 1000);
    const seconds = (date: Date | undefined) => Math.floor(date!.getTime() / 1000);
    await put('defaults', 'put');
    await s3.send(new CopyObjectCommand({ Bucket: 'defaults', Key: 'copy', CopySource: 'defaults/put' }));
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'defaults', Key: 'multi' }),
    );
    const part = await s3.send(
      new UploadPartCommand({ Bucket: 'defaults', Key: 'multi', UploadId, PartNumber: 1, Body: 'one part' }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'defaults',
        Key: 'multi',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    for (const Key of ['put', 'copy', 'multi']) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'defaults', Key }));
      assert.equal(head.ObjectLockMode, 'COMPLIANCE', Key);
      assert.ok(Math.abs(seconds(head.ObjectLockRetainUntilDate) - expected) <= 1, Key);
    }
    // Headers win over the default, on a copy and on a multipart upload alike.
    const copyRetainUntil = inDays(5); // one instant: computed again later, it may fall in the next second
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'defaults',
        Key: 'copy-gov',
        CopySource: 'defaults/put',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: copyRetainUntil,
      }),
    );
    const upload = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: 'defaults',
        Key: 'multi-held',
        ObjectLockLegalHoldStatus: 'ON',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: inDays(7),
      }),
    );
    const held = await s3.send(
      new UploadPartCommand({
        Bucket: 'defaults',
        Key: 'multi-held',
        UploadId: upload.UploadId,
        PartNumber: 1,
        Body: 'x',
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'defaults',
        Key: 'multi-held',
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: held.ETag }] },
      }),
    );
    const copyHead = await s3.send(new HeadObjectCommand({ Bucket: 'defaults', Key: 'copy-gov' }));
    assert.equal(copyHead.ObjectLockMode, 'GOVERNANCE');
    assert.equal(seconds(copyHead.ObjectLockRetainUntilDate), seconds(copyRetainUntil));
    const multiHead = await s3.send(new HeadObjectCommand({ Bucket: 'defaults', Key: 'multi-held' }));
    assert.equal(multiHead.ObjectLockMode, 'GOVERNANCE');
    assert.equal(multiHead.ObjectLockLegalHoldStatus, 'ON');
  });

  it('requires Content-MD5 or a checksum on uploads Object Lock will protect', async () => {
    // Clients that send no checksum unless an operation requires one (as older SDKs did).
    const bare = new S3Client({
      ...clientConfig(stratus),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    try {
      const lockHeaders = { ObjectLockMode: 'GOVERNANCE' as const, ObjectLockRetainUntilDate: inDays(1) };
      const refused = await failure(
        bare.send(new PutObjectCommand({ Bucket: 'vault', Key: 'bare', Body: 'x', ...lockHeaders })),
      );
      assert.equal(refused.name, 'InvalidRequest');
      assert.equal(
        refused.message,
        'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters',
      );
      const ContentMD5 = createHash('md5').update('x').digest('base64');
      await bare.send(
        new PutObjectCommand({ Bucket: 'vault', Key: 'bare', Body: 'x', ContentMD5, ...lockHeaders }),
      );
      await bare.send(new PutObjectCommand({ Bucket: 'vault', Key: 'unlocked', Body: 'x' }));
      // The bucket's default retention makes every upload one with Object Lock parameters.
      const byDefault = await failure(
        bare.send(new PutObjectCommand({ Bucket: 'defaults', Key: 'bare', Body: 'x' })),
      );
      assert.equal(byDefault.name, 'InvalidRequest');
      const { UploadId } = await bare.send(
        new CreateMultipartUploadCommand({ Bucket: 'defaults', Key: 'parts' }),
      );
      const part = await failure(
        bare.send(
          new UploadPartCommand({ Bucket: 'defaults', Key: 'parts', UploadId, PartNumber: 1, Body: 'x' }),
        ),
      );
      assert.equal(
        part.message,
        'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Part requests with Object Lock parameters',
      );
    } finally {
      bare.destroy();
    }
  });

  it('lifecycle does not expire a noncurrent version while it is locked', async () => {
    await lockedBucket('aging');
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'aging',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'noncurrent',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            },
          ],
        },
      }),
    );
    const kept = await put('aging', 'doc', {
      ObjectLockMode: 'GOVERNANCE',
      ObjectLockRetainUntilDate: inDays(5),
    });
    const plain = await put('aging', 'other');
    await put('aging', 'doc');
    await put('aging', 'other');
    advance(3 * DAY);
    const versions = async () =>
      (await s3.send(new ListObjectVersionsCommand({ Bucket: 'aging' }))).Versions?.map((v) => v.VersionId);
    const listed = await versions();
    assert.ok(listed?.includes(kept), 'the locked noncurrent version stays');
    assert.ok(!listed?.includes(plain), 'an unlocked noncurrent version expires');
    advance(3 * DAY);
    assert.ok(!(await versions())?.includes(kept), 'once the retention passes it expires');
  });

  it('creates a CloudFormation bucket with Object Lock and its default retention', async () => {
    const stack = await stratus.cloudformation.deployTemplate(
      {
        Resources: {
          Vault: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              BucketName: 'cfn-vault',
              ObjectLockEnabled: true,
              ObjectLockConfiguration: {
                ObjectLockEnabled: 'Enabled',
                Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: '7' } },
              },
            },
          },
        },
      },
      { stackName: 'LockedBuckets' },
    );
    assert.equal(stack.status, 'CREATE_COMPLETE', JSON.stringify(stack.failures));
    const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'cfn-vault' }));
    assert.deepEqual(config.ObjectLockConfiguration?.Rule, {
      DefaultRetention: { Mode: 'GOVERNANCE', Days: 7 },
    });
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'cfn-vault' }));
    assert.equal(versioning.Status, 'Enabled');
  });

  it('lets only a caller with s3:BypassGovernanceRetention bypass GOVERNANCE', async () => {
    await lockedBucket('shared-vault');
    const roles = ['arn:aws:iam::000000000000:role/cleaner', 'arn:aws:iam::000000000000:role/admin'];
    const statement = (role: string, Action: string[]) => ({
      Effect: 'Allow',
      Principal: { AWS: role },
      Action,
      Resource: 'arn:aws:s3:::shared-vault/*',
    });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        statement(roles[0]!, ['s3:GetObject', 's3:DeleteObjectVersion']),
        statement(roles[1]!, [
          's3:GetObject',
          's3:GetObjectRetention',
          's3:DeleteObjectVersion',
          's3:BypassGovernanceRetention',
        ]),
      ],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'shared-vault', Policy: JSON.stringify(policy) }));
    const [cleaner, admin] = roles.map((role) => roleClient(stratus, role));
    try {
      const versionId = await put('shared-vault', 'file', {
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: inDays(1),
      });
      const input = {
        Bucket: 'shared-vault',
        Key: 'file',
        VersionId: versionId,
        BypassGovernanceRetention: true,
      };
      // The retention headers go only to callers allowed s3:GetObjectRetention.
      const seen = await cleaner!.send(new HeadObjectCommand({ Bucket: 'shared-vault', Key: 'file' }));
      assert.equal(seen.ObjectLockMode, undefined);
      assert.equal(seen.ObjectLockRetainUntilDate, undefined);
      const shown = await admin!.send(new HeadObjectCommand({ Bucket: 'shared-vault', Key: 'file' }));
      assert.equal(shown.ObjectLockMode, 'GOVERNANCE');
      const refused = await failure(cleaner!.send(new DeleteObjectCommand(input)));
      assert.equal(refused.name, 'AccessDenied');
      await admin!.send(new DeleteObjectCommand(input));
    } finally {
      cleaner!.destroy();
      admin!.destroy();
    }
  });
});
