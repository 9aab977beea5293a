import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { failure, roleClient, startS3 } from './helpers.ts';

const ROLE = 'arn:aws:iam::000000000000:role/reader';

describe('s3: temporary credentials against a bucket policy (actions, ARNs, condition keys)', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let reader: S3Client;
  let stop: () => Promise<void>;

  before(async () => {
    ({ stratus, s3, stop } = await startS3(['team']));
    for (const Key of ['shared/a.txt', 'private/b.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: 'team', Key, Body: Key }));
    }
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::team/shared/*',
        },
        {
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::team',
          Condition: { StringLike: { 's3:prefix': 'shared/*' } },
        },
      ],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'team', Policy: JSON.stringify(policy) }));
    reader = roleClient(stratus, ROLE);
  });
  after(async () => {
    reader.destroy();
    await stop();
  });

  it('reads only what the policy grants on object ARNs', async () => {
    const shared = await reader.send(new GetObjectCommand({ Bucket: 'team', Key: 'shared/a.txt' }));
    assert.equal(await shared.Body?.transformToString(), 'shared/a.txt');
    const refused = await failure(
      reader.send(new GetObjectCommand({ Bucket: 'team', Key: 'private/b.txt' })),
    );
    assert.equal(refused.name, 'AccessDenied');
    assert.equal(refused.$metadata.httpStatusCode, 403);
    const write = await failure(
      reader.send(new PutObjectCommand({ Bucket: 'team', Key: 'shared/c.txt', Body: 'c' })),
    );
    assert.equal(write.name, 'AccessDenied');
  });

  it('lists only under the prefix the s3:prefix condition allows', async () => {
    const listed = await reader.send(new ListObjectsV2Command({ Bucket: 'team', Prefix: 'shared/' }));
    assert.deepEqual(
      listed.Contents?.map((o) => o.Key),
      ['shared/a.txt'],
    );
    const refused = await failure(
      reader.send(new ListObjectsV2Command({ Bucket: 'team', Prefix: 'private/' })),
    );
    assert.equal(refused.name, 'AccessDenied');
  });
});
