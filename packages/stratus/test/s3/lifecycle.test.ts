import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateMultipartUploadCommand,
  DeleteBucketLifecycleCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { advanceClock, failure, startS3 } from './helpers.ts';

const DAY = 86_400_000;

describe('s3: lifecycle rules on the Stratus clock', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let stop: () => Promise<void>;
  const advance = (ms: number) => advanceClock(stratus, s3, ms);
  const keys = async (Bucket: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key);

  before(async () => {
    ({ stratus, s3, stop } = await startS3(['expiring', 'history']));
  });
  after(() => stop());

  it('validates, stores, returns and deletes the configuration', async () => {
    const none = await failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'expiring' })));
    assert.equal(none.name, 'NoSuchLifecycleConfiguration');
    const badDays = await failure(
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'expiring',
          LifecycleConfiguration: {
            Rules: [{ ID: 'x', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 0 } }],
          },
        }),
      ),
    );
    assert.equal(badDays.name, 'InvalidArgument');
    assert.equal(badDays.message, "'Days' for Expiration action must be a positive integer");
    const noAction = await failure(
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'expiring',
          LifecycleConfiguration: { Rules: [{ ID: 'x', Status: 'Enabled', Filter: { Prefix: '' } }] },
        }),
      ),
    );
    assert.equal(noAction.message, 'At least one action needs to be specified in a rule');
    const rules = [
      { ID: 'tmp', Status: 'Enabled' as const, Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
      {
        ID: 'tagged',
        Status: 'Enabled' as const,
        Filter: { Tag: { Key: 'expire', Value: 'yes' } },
        Expiration: { Days: 3 },
      },
      {
        ID: 'uploads',
        Status: 'Enabled' as const,
        Filter: { Prefix: '' },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
      },
      { ID: 'off', Status: 'Disabled' as const, Filter: { Prefix: '' }, Expiration: { Days: 1 } },
    ];
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'expiring',
        LifecycleConfiguration: { Rules: rules },
      }),
    );
    const got = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'expiring' }));
    assert.deepEqual(
      got.Rules?.map((r) => r.ID),
      ['tmp', 'tagged', 'uploads', 'off'],
    );
    const dated = {
      ID: 'dated',
      Status: 'Enabled' as const,
      Filter: { Prefix: 'x/' },
      Expiration: { Date: new Date('2030-01-01T00:00:00Z') },
    };
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'history',
        LifecycleConfiguration: { Rules: [dated] },
      }),
    );
    const gotDated = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'history' }));
    assert.equal(gotDated.Rules?.[0]?.Expiration?.Date?.toISOString(), '2030-01-01T00:00:00.000Z');
    const notMidnight = await failure(
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'history',
          LifecycleConfiguration: {
            Rules: [{ ...dated, Expiration: { Date: new Date('2030-01-01T12:00:00Z') } }],
          },
        }),
      ),
    );
    assert.equal(notMidnight.message, "'Date' must be at midnight GMT");
  });

  it('expires objects by prefix and tag, and aborts stale uploads, as the clock advances', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'tmp/a', Body: 'a' }));
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'keep/b', Body: 'b' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'expiring', Key: 'keep/c', Body: 'c', Tagging: 'expire=yes' }),
    );
    await s3.send(new CreateMultipartUploadCommand({ Bucket: 'expiring', Key: 'big' }));
    assert.deepEqual(await keys('expiring'), ['keep/b', 'keep/c', 'tmp/a']);
    advance(2 * DAY);
    assert.deepEqual(await keys('expiring'), ['keep/b', 'keep/c']);
    advance(2 * DAY);
    assert.deepEqual(await keys('expiring'), ['keep/b']);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'expiring' }));
    assert.equal(uploads.Uploads, undefined);
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: 'expiring' }));
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'tmp/later', Body: 'x' }));
    advance(5 * DAY);
    assert.deepEqual(await keys('expiring'), ['keep/b', 'tmp/later']);
  });

  it('in a versioned bucket: expiration adds a delete marker, noncurrent versions and lone markers go', async () => {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'history', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'history',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'current',
              Status: 'Enabled',
              Filter: { Prefix: 'old/' },
              Expiration: { Days: 10 },
            },
            {
              ID: 'noncurrent',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            },
            {
              ID: 'markers',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              Expiration: { ExpiredObjectDeleteMarker: true },
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'history', Key: 'doc', Body: 'v1' }));
    await s3.send(new PutObjectCommand({ Bucket: 'history', Key: 'doc', Body: 'v2' }));
    await s3.send(new PutObjectCommand({ Bucket: 'history', Key: 'gone', Body: 'g' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'history', Key: 'gone' }));
    await s3.send(new PutObjectCommand({ Bucket: 'history', Key: 'old/report', Body: 'r' }));
    advance(2 * DAY);
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'history' }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.Key, v.IsLatest]),
      [
        ['doc', true],
        ['old/report', true],
      ],
    );
    assert.equal(listed.DeleteMarkers, undefined, 'the lone delete marker of "gone" is removed');
    advance(9 * DAY);
    const expired = await failure(s3.send(new HeadObjectCommand({ Bucket: 'history', Key: 'old/report' })));
    assert.equal(expired.$metadata.httpStatusCode, 404);
    const after = await s3.send(new ListObjectVersionsCommand({ Bucket: 'history', Prefix: 'old/' }));
    assert.deepEqual(
      after.DeleteMarkers?.map((m) => m.IsLatest),
      [true],
    );
    assert.equal(
      after.Versions?.length,
      1,
      'the expired version stays, noncurrent, until its own rule applies',
    );
  });
});
