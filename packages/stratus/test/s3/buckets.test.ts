import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { failure, s3Client, startS3 } from './helpers.ts';

describe('s3: buckets', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let s3West: S3Client;
  let stop: () => Promise<void>;

  before(async () => {
    ({ stratus, s3, stop } = await startS3());
    s3West = s3Client(stratus, 'eu-west-1');
  });
  after(async () => {
    s3West.destroy();
    await stop();
  });

  it('creates, heads, lists, locates and deletes buckets', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
    await s3West.send(
      new CreateBucketCommand({
        Bucket: 'beta.bucket',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(
      listed.Buckets?.map((b) => b.Name),
      ['alpha-bucket', 'beta.bucket'],
    );
    assert.match(listed.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
    assert.equal(
      (await s3.send(new GetBucketLocationCommand({ Bucket: 'alpha-bucket' }))).LocationConstraint,
      undefined,
    );
    assert.equal(
      (await s3West.send(new GetBucketLocationCommand({ Bucket: 'beta.bucket' }))).LocationConstraint,
      'eu-west-1',
    );
    await s3.send(new DeleteBucketCommand({ Bucket: 'alpha-bucket' }));
    const missing = await failure(s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' })));
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  it('refuses invalid names and answers re-creation as AWS does per region', async () => {
    for (const name of ['ab', 'Upper-Case', 'under_score', '192.168.1.1', 'a..b', '-dash', 'xn--idn']) {
      const error = await failure(s3.send(new CreateBucketCommand({ Bucket: name })));
      assert.equal(error.name, 'InvalidBucketName', name);
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    await s3.send(new CreateBucketCommand({ Bucket: 'again' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'again' })); // us-east-1: 200, AWS's legacy behaviour
    await s3West.send(
      new CreateBucketCommand({
        Bucket: 'west-again',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const owned = await failure(
      s3West.send(
        new CreateBucketCommand({
          Bucket: 'west-again',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      ),
    );
    assert.equal(owned.name, 'BucketAlreadyOwnedByYou');
    assert.equal(owned.$metadata.httpStatusCode, 409);
    const mismatched = await failure(
      s3West.send(
        new CreateBucketCommand({
          Bucket: 'mismatch',
          CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
        }),
      ),
    );
    assert.equal(mismatched.name, 'IllegalLocationConstraintException');
  });

  it('keeps a bucket with objects (BucketNotEmpty) and names missing buckets (NoSuchBucket)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    assert.equal(notEmpty.name, 'BucketNotEmpty');
    assert.equal(notEmpty.$metadata.httpStatusCode, 409);
    const missing = await failure(s3.send(new PutObjectCommand({ Bucket: 'nowhere', Key: 'k', Body: 'x' })));
    assert.equal(missing.name, 'NoSuchBucket');
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });
});
