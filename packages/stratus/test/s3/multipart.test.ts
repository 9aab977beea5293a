import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
  type S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { failure, startS3 } from './helpers.ts';

const bucket = 'multipart-bucket';
const MB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest();

describe('s3: multipart uploads', () => {
  let s3: S3Client;
  let stop: () => Promise<void>;

  before(async () => {
    ({ s3, stop } = await startS3([bucket]));
  });
  after(() => stop());

  it('joins parts into one object with the md5-of-md5s ETag', async () => {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'big.bin', ContentType: 'application/x-big' }),
    );
    const parts = [Buffer.alloc(5 * MB, 1), Buffer.alloc(5 * MB, 2), Buffer.from('tail')];
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const uploaded = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: 'big.bin',
          UploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      etags.push(uploaded.ETag!);
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'big.bin', UploadId }));
    assert.deepEqual(
      listed.Parts?.map((p) => [p.PartNumber, p.Size]),
      [
        [1, 5 * MB],
        [2, 5 * MB],
        [3, 4],
      ],
    );
    const outOfOrder = await s3
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'big.bin',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 2, ETag: etags[1] },
              { PartNumber: 1, ETag: etags[0] },
            ],
          },
        }),
      )
      .catch((error: S3ServiceException) => error);
    assert.equal((outOfOrder as S3ServiceException).name, 'InvalidPartOrder');
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'big.bin',
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
      }),
    );
    const expected = createHash('md5')
      .update(Buffer.concat(parts.map((p) => md5(p))))
      .digest('hex');
    assert.equal(done.ETag, `"${expected}-3"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    assert.equal(head.ContentLength, 10 * MB + 4);
    assert.equal(head.ContentType, 'application/x-big');
    const tail = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'big.bin', Range: `bytes=${10 * MB - 2}-` }),
    );
    assert.deepEqual([...(await tail.Body!.transformToByteArray())], [2, 2, ...Buffer.from('tail')]);
    const gone = await s3
      .send(new ListPartsCommand({ Bucket: bucket, Key: 'big.bin', UploadId }))
      .catch((error: S3ServiceException) => error);
    assert.equal((gone as S3ServiceException).name, 'NoSuchUpload');
  });

  it('carries the storage class of CreateMultipartUpload to its listings and the completed object', async () => {
    const Key = 'archive/cold.bin';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key, StorageClass: 'GLACIER_IR' }),
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'archive/' }));
    assert.deepEqual(
      uploads.Uploads?.map((u) => u.StorageClass),
      ['GLACIER_IR'],
    );
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: 1, Body: 'cold bytes' }),
    );
    const parts = await s3.send(new ListPartsCommand({ Bucket: bucket, Key, UploadId }));
    assert.equal(parts.StorageClass, 'GLACIER_IR');
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    assert.equal(head.StorageClass, 'GLACIER_IR');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'archive/' }));
    assert.equal(listed.Contents?.[0]?.StorageClass, 'GLACIER_IR');
    // A copy onto itself that changes only the storage class is allowed, and takes effect.
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key,
        CopySource: `${bucket}/${Key}`,
        StorageClass: 'STANDARD_IA',
      }),
    );
    const moved = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    assert.equal(moved.StorageClass, 'STANDARD_IA');
  });

  it("checksums each part with the upload's algorithm and the object with a checksum of them", async () => {
    const Key = 'summed.bin';
    const create = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key, ChecksumAlgorithm: 'SHA256' }),
    );
    assert.equal(create.ChecksumAlgorithm, 'SHA256');
    const UploadId = create.UploadId!;
    const mismatch = await failure(
      s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key,
          UploadId,
          PartNumber: 1,
          Body: 'wrong kind',
          ChecksumAlgorithm: 'CRC32',
        }),
      ),
    );
    assert.equal(mismatch.name, 'InvalidRequest');
    assert.equal(
      mismatch.message,
      'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32',
    );
    const body = Buffer.from('summed part');
    const partSum = createHash('sha256').update(body).digest('base64');
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key,
        UploadId,
        PartNumber: 1,
        Body: body,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    assert.equal(part.ChecksumSHA256, partSum);
    const listed = await s3.send(new ListPartsCommand({ Bucket: bucket, Key, UploadId }));
    assert.equal(listed.ChecksumAlgorithm, 'SHA256');
    assert.equal(listed.Parts?.[0]?.ChecksumSHA256, partSum);
    const missing = await failure(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      ),
    );
    assert.equal(
      missing.message,
      'The upload was created using a sha256 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
    );
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumSHA256: partSum }] },
      }),
    );
    const composite = `${createHash('sha256').update(Buffer.from(partSum, 'base64')).digest('base64')}-1`;
    assert.equal(done.ChecksumSHA256, composite);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key, ChecksumMode: 'ENABLED' }));
    assert.equal(head.ChecksumSHA256, composite);
  });

  it('refuses small middle parts and unknown parts, and aborts', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'small' }));
    const one = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'small', UploadId, PartNumber: 1, Body: 'tiny' }),
    );
    const two = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'small', UploadId, PartNumber: 2, Body: 'tiny' }),
    );
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) =>
      s3
        .send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: 'small',
            UploadId,
            MultipartUpload: { Parts },
          }),
        )
        .catch((error: S3ServiceException) => error);
    const tooSmall = await complete([
      { PartNumber: 1, ETag: one.ETag },
      { PartNumber: 2, ETag: two.ETag },
    ]);
    assert.equal((tooSmall as S3ServiceException).name, 'EntityTooSmall');
    const unknown = await complete([{ PartNumber: 3, ETag: one.ETag }]);
    assert.equal((unknown as S3ServiceException).name, 'InvalidPart');
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'small', UploadId }));
    const aborted = await s3
      .send(new UploadPartCommand({ Bucket: bucket, Key: 'small', UploadId, PartNumber: 3, Body: 'x' }))
      .catch((error: S3ServiceException) => error);
    assert.equal((aborted as S3ServiceException).name, 'NoSuchUpload');
    assert.equal((aborted as S3ServiceException).$metadata.httpStatusCode, 404);
  });

  it('uploads a large body through lib-storage in parts', async () => {
    const body = Buffer.alloc(11 * MB, 7);
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: 'lib.bin', Body: body },
      partSize: 5 * MB,
    });
    const result = await upload.done();
    assert.match(result.ETag ?? '', /-3"$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'lib.bin' }));
    assert.equal(head.ContentLength, body.length);
  });
});
