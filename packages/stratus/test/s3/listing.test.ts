import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { startS3 } from './helpers.ts';

const bucket = 'listing-bucket';
const keys = [
  'a.txt',
  'photos/2023/x.jpg',
  'photos/2024/y.jpg',
  'photos/2024/z.jpg',
  'photos/top.jpg',
  'z/last',
];

describe('s3: listing objects', () => {
  let s3: S3Client;
  let stop: () => Promise<void>;

  before(async () => {
    ({ s3, stop } = await startS3([bucket]));
    for (const key of [...keys].reverse())
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  });
  after(() => stop());

  it('lists every key in order with sizes and ETags', async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    assert.deepEqual(
      all.Contents?.map((o) => o.Key),
      keys,
    );
    assert.equal(all.KeyCount, keys.length);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Contents?.[0]?.Size, 'a.txt'.length);
    assert.match(all.Contents?.[0]?.ETag ?? '', /^"[0-9a-f]{32}"$/);
  });

  it('rolls keys up into CommonPrefixes by prefix and delimiter', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
    assert.deepEqual(
      top.Contents?.map((o) => o.Key),
      ['a.txt'],
    );
    assert.deepEqual(
      top.CommonPrefixes?.map((p) => p.Prefix),
      ['photos/', 'z/'],
    );
    const photos = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'photos/', Delimiter: '/' }),
    );
    assert.deepEqual(
      photos.Contents?.map((o) => o.Key),
      ['photos/top.jpg'],
    );
    assert.deepEqual(
      photos.CommonPrefixes?.map((p) => p.Prefix),
      ['photos/2023/', 'photos/2024/'],
    );
  });

  it('pages with max-keys and continuation tokens, and starts after a key', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, Delimiter: '/', ContinuationToken: token }),
      );
      seen.push(
        ...(page.Contents ?? []).map((o) => o.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
      token = page.NextContinuationToken;
      assert.equal(page.IsTruncated, token !== undefined);
      pages++;
    } while (token);
    assert.deepEqual(seen.sort(), ['a.txt', 'photos/', 'z/']);
    assert.equal(pages, 2);
    const afterKey = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, StartAfter: 'photos/2024/y.jpg' }),
    );
    assert.deepEqual(
      afterKey.Contents?.map((o) => o.Key),
      ['photos/2024/z.jpg', 'photos/top.jpg', 'z/last'],
    );
    await assert.rejects(
      s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: '!!bogus' })),
      (error: S3ServiceException) => error.name === 'InvalidArgument',
    );
  });

  it('pages version 1 listings by marker', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 3, Delimiter: '/' }));
    assert.equal(first.IsTruncated, false);
    assert.deepEqual(
      first.CommonPrefixes?.map((p) => p.Prefix),
      ['photos/', 'z/'],
    );
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 2 }));
    assert.equal(page.IsTruncated, true);
    assert.deepEqual(
      page.Contents?.map((o) => o.Key),
      ['a.txt', 'photos/2023/x.jpg'],
    );
    const next = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Marker: 'photos/2023/x.jpg', MaxKeys: 2 }),
    );
    assert.deepEqual(
      next.Contents?.map((o) => o.Key),
      ['photos/2024/y.jpg', 'photos/2024/z.jpg'],
    );
    assert.ok(page.Contents?.[0]?.Owner?.ID);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    await assert.rejects(
      s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' })),
      (error: S3ServiceException) => error.name === 'NoSuchBucket' && error.$metadata.httpStatusCode === 404,
    );
  });
});
