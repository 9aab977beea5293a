import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { BucketConfigStore } from '../../src/services/s3/bucket-config.ts';
import { S3Store } from '../../src/services/s3/store.ts';
import { clientConfig } from '../support/stratus.ts';
import { failure, type S3Testbed, startS3 } from './helpers.ts';

describe('s3: buckets and configurations kept in memory stay true to the database', () => {
  it('never keeps a bucket or a configuration that a rolled-back transaction wrote', () => {
    const db = new DatabaseSync(':memory:');
    const store = new S3Store(db);
    const configs = new BucketConfigStore(db);
    db.exec('BEGIN');
    store.createBucket({ name: 'ghost', account: '000000000000', region: 'us-east-1', createdAt: 0 });
    configs.put('ghost', 'versioning', { Status: 'Enabled' });
    assert.equal(store.bucket('ghost')?.name, 'ghost');
    assert.deepEqual(configs.get('ghost', 'versioning'), { Status: 'Enabled' });
    db.exec('ROLLBACK');
    assert.equal(store.bucket('ghost'), undefined);
    assert.equal(configs.get('ghost', 'versioning'), undefined);
    db.close();
  });

  it('gives every caller its own copy of a configuration document', () => {
    const db = new DatabaseSync(':memory:');
    const configs = new BucketConfigStore(db);
    configs.put('b', 'tagging', { TagSet: [] });
    configs.get<{ TagSet: unknown[] }>('b', 'tagging')!.TagSet.push('changed by a caller');
    assert.deepEqual(configs.get('b', 'tagging'), { TagSet: [] });
    db.close();
  });

  describe('through the API', () => {
    let bed: S3Testbed;
    let west: S3Client;
    before(async () => {
      bed = await startS3(['cached']);
      west = new S3Client({ ...clientConfig(bed.stratus, 'eu-west-1'), forcePathStyle: true });
    });
    after(async () => {
      west.destroy();
      await bed.stop();
    });

    it('sees a bucket deleted, re-created elsewhere and versioned at once', async () => {
      const { s3 } = bed;
      await s3.send(new PutObjectCommand({ Bucket: 'cached', Key: 'k', Body: 'v1' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'cached', Key: 'k' }));
      await s3.send(new DeleteBucketCommand({ Bucket: 'cached' }));
      const gone = await failure(s3.send(new PutObjectCommand({ Bucket: 'cached', Key: 'k', Body: 'v2' })));
      assert.equal(gone.name, 'NoSuchBucket');
      await west.send(
        new CreateBucketCommand({
          Bucket: 'cached',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      );
      const location = await west.send(new GetBucketLocationCommand({ Bucket: 'cached' }));
      assert.equal(location.LocationConstraint, 'eu-west-1');
      const unversioned = await west.send(new PutObjectCommand({ Bucket: 'cached', Key: 'k', Body: 'v3' }));
      assert.equal(unversioned.VersionId, undefined);
      await west.send(
        new PutBucketVersioningCommand({ Bucket: 'cached', VersioningConfiguration: { Status: 'Enabled' } }),
      );
      const versioned = await west.send(new PutObjectCommand({ Bucket: 'cached', Key: 'k', Body: 'v4' }));
      assert.ok(versioned.VersionId);
    });
  });
});
