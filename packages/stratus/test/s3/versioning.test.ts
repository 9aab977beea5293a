import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CopyObjectCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { failure, startS3 } from './helpers.ts';

describe('s3: versioning', () => {
  let stratus: Stratus;
  let s3: S3Client;
  let stop: () => Promise<void>;
  const put = (Bucket: string, Key: string, Body: string) =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body }));
  const read = async (Bucket: string, Key: string, VersionId?: string) =>
    (await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body!.transformToString();
  // Small bodies are SQLite rows, large ones files: count both.
  const bodyFiles = () =>
    readdirSync(join(stratus.storage.root, 's3', 'objects')).length +
    Number(stratus.storage.database('s3').prepare('SELECT count(*) AS n FROM bodies').get()!.n);

  before(async () => {
    ({ stratus, s3, stop } = await startS3(['docs', 'paused', 'plain']));
  });
  after(() => stop());

  it('reports no status until configured, then Enabled', async () => {
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'docs' }))).Status, undefined);
    await put('docs', 'before.txt', 'from before versioning');
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'docs', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'docs' }))).Status, 'Enabled');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'docs', Key: 'before.txt' }));
    assert.equal(head.VersionId, 'null');
  });

  it('keeps every version, reads each by id, and deletes with a delete marker', async () => {
    const v1 = await put('docs', 'note.txt', 'one');
    const v2 = await put('docs', 'note.txt', 'two');
    assert.match(v1.VersionId!, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(v1.VersionId, v2.VersionId);
    assert.equal(await read('docs', 'note.txt'), 'two');
    assert.equal(await read('docs', 'note.txt', v1.VersionId), 'one');
    const files = bodyFiles();

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'note.txt' }));
    assert.equal(deleted.DeleteMarker, true);
    assert.ok(deleted.VersionId);
    assert.equal(bodyFiles(), files, 'a delete marker keeps the bodies');
    const gone = await failure(s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'note.txt' })));
    assert.equal(gone.name, 'NoSuchKey');
    assert.equal(gone.$response?.headers['x-amz-delete-marker'], 'true');
    const marker = await failure(
      s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'note.txt', VersionId: deleted.VersionId })),
    );
    assert.equal(marker.$metadata.httpStatusCode, 405);
    assert.equal(marker.name, 'MethodNotAllowed');
    assert.equal(await read('docs', 'note.txt', v2.VersionId), 'two');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'docs' }));
    assert.deepEqual(
      listed.Contents?.map((o) => o.Key),
      ['before.txt'],
    );
    const missing = await failure(
      s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'note.txt', VersionId: 'A'.repeat(32) })),
    );
    assert.equal(missing.name, 'NoSuchVersion');

    // Removing the marker brings the last version back; removing a version deletes its body.
    await s3.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'note.txt', VersionId: deleted.VersionId }));
    assert.equal(await read('docs', 'note.txt'), 'two');
    const removed = await s3.send(
      new DeleteObjectCommand({ Bucket: 'docs', Key: 'note.txt', VersionId: v2.VersionId }),
    );
    assert.equal(removed.VersionId, v2.VersionId);
    assert.equal(bodyFiles(), files - 1);
    assert.equal(await read('docs', 'note.txt'), 'one');
  });

  it('lists versions and delete markers, newest first, paged by key and version markers', async () => {
    await put('docs', 'list/a', 'a1');
    await put('docs', 'list/a', 'a2');
    await s3.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'list/a' }));
    await put('docs', 'list/b', 'b1');
    await put('docs', 'list/sub/c', 'c1');
    const all = await s3.send(
      new ListObjectVersionsCommand({ Bucket: 'docs', Prefix: 'list/', Delimiter: '/' }),
    );
    assert.deepEqual(
      all.Versions?.map((v) => [v.Key, v.IsLatest, v.Size]),
      [
        ['list/a', false, 2],
        ['list/a', false, 2],
        ['list/b', true, 2],
      ],
    );
    assert.deepEqual(
      all.DeleteMarkers?.map((m) => [m.Key, m.IsLatest]),
      [['list/a', true]],
    );
    assert.deepEqual(
      all.CommonPrefixes?.map((p) => p.Prefix),
      ['list/sub/'],
    );
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const got = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: 'docs',
          Prefix: 'list/',
          MaxKeys: 2,
          KeyMarker,
          VersionIdMarker,
        }),
      );
      for (const v of [...(got.Versions ?? []), ...(got.DeleteMarkers ?? [])])
        seen.push(`${v.Key}@${v.VersionId}`);
      if (!got.IsTruncated) break;
      KeyMarker = got.NextKeyMarker;
      VersionIdMarker = got.NextVersionIdMarker;
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
  });

  it('copies a named version, and refuses a delete marker as a copy source', async () => {
    const old = await put('docs', 'restore.txt', 'original');
    await put('docs', 'restore.txt', 'changed');
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: 'docs',
        Key: 'restore.txt',
        CopySource: `docs/restore.txt?versionId=${old.VersionId}`,
      }),
    );
    assert.equal(copied.CopySourceVersionId, old.VersionId);
    assert.ok(copied.VersionId);
    assert.equal(await read('docs', 'restore.txt'), 'original');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'restore.txt' }));
    const refused = await failure(
      s3.send(
        new CopyObjectCommand({
          Bucket: 'docs',
          Key: 'other.txt',
          CopySource: `docs/restore.txt?versionId=${marker.VersionId}`,
        }),
      ),
    );
    assert.equal(refused.name, 'InvalidRequest');
  });

  it('writes null versions while suspended, replacing the previous null version', async () => {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'paused', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const kept = await put('paused', 'k', 'versioned');
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'paused', VersioningConfiguration: { Status: 'Suspended' } }),
    );
    await put('paused', 'k', 'null one');
    await put('paused', 'k', 'null two');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'paused' }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.VersionId, v.IsLatest]),
      [
        ['null', true],
        [kept.VersionId, false],
      ],
    );
    assert.equal(await read('paused', 'k', 'null'), 'null two');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'paused', Key: 'k' }));
    assert.equal(deleted.VersionId, 'null');
    assert.equal(deleted.DeleteMarker, true);
    const bucketGone = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'paused' })));
    assert.equal(bucketGone.name, 'BucketNotEmpty');
    const batch = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'paused',
        Delete: {
          Objects: [
            { Key: 'k', VersionId: 'null' },
            { Key: 'k', VersionId: kept.VersionId },
          ],
        },
      }),
    );
    assert.deepEqual(
      batch.Deleted?.map((d) => [d.VersionId, d.DeleteMarker ?? false]),
      [
        ['null', true],
        [kept.VersionId, false],
      ],
    );
    await s3.send(new DeleteBucketCommand({ Bucket: 'paused' }));
  });

  it('lists an unversioned bucket as null versions and refuses other version ids there', async () => {
    await put('plain', 'p', 'plain');
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'plain' }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest]),
      [['p', 'null', true]],
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'plain', Key: 'p' }));
    assert.equal(head.VersionId, undefined);
    const bad = await failure(s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'p', VersionId: 'abc' })));
    assert.equal(bad.name, 'InvalidArgument');
    assert.equal(await read('plain', 'p', 'null'), 'plain');
  });
});
