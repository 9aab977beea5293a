/**
 * REST-XML with S3's model. No S3 SDK client is installed, so requests are built the way the
 * AWS SDK v3 sends them (path and headers, XML bodies, aws-chunked framing).
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { AwsError } from '../../src/protocol/errors.ts';
import { decodeRequest, encodeError, encodeResponse } from '../../src/protocol/index.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { request } from './wire-server.ts';

const s3 = loadModel('s3');
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function failure(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    return e instanceof AwsError ? `${e.status} ${e.code}` : `crash: ${e}`;
  }
}

describe('rest-xml: decoding S3 requests', () => {
  it('reads PutObject: greedy key, raw body, typed headers and x-amz-meta-* metadata', () => {
    const decoded = decodeRequest(
      s3,
      request({
        method: 'PUT',
        url: '/photos/2024/my%20cat%2B.jpg?x-id=PutObject',
        headers: {
          host: 'localhost:4566',
          'content-type': 'image/jpeg',
          'content-length': '5',
          'cache-control': 'max-age=60',
          expires: 'Wed, 21 Oct 2025 07:28:00 GMT',
          'x-amz-meta-author': 'alice',
          'x-amz-meta-project-id': '42',
          'x-amz-tagging': 'a=1&b=2',
          'x-amz-checksum-crc32': 'AAAAAA==',
        },
        body: 'bytes',
      }),
    );
    assert.equal(decoded.operation, 'PutObject');
    const input = decoded.input;
    assert.equal(input.Bucket, 'photos');
    assert.equal(input.Key, '2024/my cat+.jpg');
    assert.equal(input.ContentType, 'image/jpeg');
    assert.equal(input.ContentLength, 5);
    assert.equal(input.CacheControl, 'max-age=60');
    assert.equal((input.Expires as Date).toISOString(), '2025-10-21T07:28:00.000Z');
    assert.deepEqual(input.Metadata, { author: 'alice', 'project-id': '42' });
    assert.equal(input.Tagging, 'a=1&b=2');
    assert.equal(input.ChecksumCRC32, 'AAAAAA==');
    assert.equal((input.Body as Buffer).toString(), 'bytes');
  });

  it('strips aws-chunked framing from streamed uploads', () => {
    const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    const decoded = decodeRequest(
      s3,
      request({
        method: 'PUT',
        url: '/b/k',
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '11',
          'content-length': String(body.length),
          'x-amz-trailer': 'x-amz-checksum-crc32',
        },
        body,
      }),
    );
    assert.equal((decoded.input.Body as Buffer).toString(), 'hello world');
    assert.equal(decoded.input.ContentLength, 11);
    assert.equal(decoded.input.ContentEncoding, undefined);
    assert.equal(
      failure(() =>
        decodeRequest(
          s3,
          request({
            method: 'PUT',
            url: '/b/k',
            headers: { 'content-encoding': 'aws-chunked' },
            body: 'zz\r\n',
          }),
        ),
      ),
      '400 IncompleteBody',
    );
  });

  it('reads the DeleteObjects XML body, flattened <Object> list and all', () => {
    const decoded = decodeRequest(
      s3,
      request({
        method: 'POST',
        url: '/bucket?delete',
        headers: { 'content-type': 'application/xml', 'content-md5': 'x' },
        body:
          `${DECL}<Delete xmlns="${NS}"><Object><Key> a &amp; b </Key></Object>` +
          '<Object><Key>c</Key><VersionId>v1</VersionId></Object><Quiet>true</Quiet></Delete>',
      }),
    );
    assert.equal(decoded.operation, 'DeleteObjects');
    assert.deepEqual(decoded.input.Delete, {
      Objects: [{ Key: ' a & b ' }, { Key: 'c', VersionId: 'v1' }],
      Quiet: true,
    });
    const single = decodeRequest(
      s3,
      request({
        method: 'POST',
        url: '/bucket?delete',
        body: '<Delete><Object><Key>only</Key></Object></Delete>',
      }),
    );
    assert.deepEqual(single.input.Delete, { Objects: [{ Key: 'only' }] });
  });

  it('routes by method, path and fixed query parts, most specific first', () => {
    const op = (method: string, url: string, host = 'localhost') =>
      decodeRequest(s3, request({ method, url, headers: { host } }));
    assert.equal(op('GET', '/').operation, 'ListBuckets');
    assert.equal(op('GET', '/b').operation, 'ListObjects');
    assert.deepEqual(op('GET', '/b?list-type=2&prefix=a%2Fb&max-keys=5'), {
      operation: 'ListObjectsV2',
      input: { Bucket: 'b', Prefix: 'a/b', MaxKeys: 5 },
    });
    assert.equal(op('GET', '/b?tagging').operation, 'GetBucketTagging');
    assert.equal(op('GET', '/b/k?tagging').operation, 'GetObjectTagging');
    assert.equal(op('GET', '/b/k/').operation, 'GetObject');
    assert.equal(op('HEAD', '/b/k').operation, 'HeadObject');
    assert.equal(op('GET', '/b?location').operation, 'GetBucketLocation');
    assert.equal(op('GET', '/b?lifecycle').operation, 'GetBucketLifecycleConfiguration');
    assert.equal(op('GET', '/b/k?uploadId=u1').operation, 'ListParts');
    assert.equal(op('DELETE', '/b/k?uploadId=u1').operation, 'AbortMultipartUpload');
    assert.equal(op('DELETE', '/b/k').operation, 'DeleteObject');
    assert.equal(op('PUT', '/b/k?partNumber=1&uploadId=u1').operation, 'UploadPart');
    const copy = (url: string) =>
      decodeRequest(s3, request({ method: 'PUT', url, headers: { 'x-amz-copy-source': '/src/key' } }));
    assert.equal(copy('/b/k').operation, 'CopyObject');
    assert.equal(copy('/b/k?partNumber=2&uploadId=u1').operation, 'UploadPartCopy');
    assert.deepEqual(op('GET', '/folder/file.txt', 'my.bucket.s3.localhost'), {
      operation: 'GetObject',
      input: { Bucket: 'my.bucket', Key: 'folder/file.txt' },
    });
    assert.equal(op('GET', '/', 'my.bucket.s3.us-east-1.amazonaws.com').operation, 'ListObjects');
  });

  it('reads a structure payload (CreateBucket configuration)', () => {
    const decoded = decodeRequest(
      s3,
      request({
        method: 'PUT',
        url: '/new-bucket',
        body: `<CreateBucketConfiguration xmlns="${NS}"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`,
      }),
    );
    assert.deepEqual(decoded, {
      operation: 'CreateBucket',
      input: { Bucket: 'new-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } },
    });
  });

  it('answers bad XML, entity bombs and unknown methods with S3’s errors', () => {
    const put = (body: string) => () =>
      decodeRequest(s3, request({ method: 'PUT', url: '/b?tagging', body }));
    assert.equal(failure(put('<Tagging><TagSet>')), '400 MalformedXML');
    assert.equal(failure(put('not xml at all')), '400 MalformedXML');
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><Tagging><TagSet><Tag><Key>&lol3;</Key><Value>v</Value></Tag></TagSet></Tagging>';
    assert.equal(failure(put(bomb)), '400 MalformedXML');
    assert.equal(
      failure(put(`<Tagging>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</Tagging>`)),
      '400 MalformedXML',
    );
    assert.equal(failure(put('<Tagging><__proto__>x</__proto__></Tagging>')), '400 MalformedXML');
    assert.equal(
      failure(() => decodeRequest(s3, request({ method: 'PATCH', url: '/b/k' }))),
      '405 MethodNotAllowed',
    );
  });
});

describe('rest-xml: encoding S3 answers', () => {
  it('writes list results under S3’s root element with its namespace and flattened lists', () => {
    const response = encodeResponse(
      s3,
      'ListObjectsV2',
      {
        Name: 'b',
        Prefix: '',
        KeyCount: 2,
        MaxKeys: 1000,
        IsTruncated: false,
        Contents: [
          {
            Key: 'a<1>',
            LastModified: new Date('2024-01-02T03:04:05Z'),
            ETag: '"e1"',
            Size: 3,
            StorageClass: 'STANDARD',
          },
          { Key: 'b', LastModified: new Date(0), Size: 0 },
        ],
      },
      { requestId: 'REQ1' },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers?.['x-amz-request-id'], 'REQ1');
    assert.ok(response.headers?.['x-amz-id-2']);
    assert.equal(response.headers?.['Content-Type'], 'application/xml');
    assert.equal(
      response.body,
      `${DECL}<ListBucketResult xmlns="${NS}"><IsTruncated>false</IsTruncated>` +
        '<Contents><Key>a&lt;1&gt;</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>&quot;e1&quot;</ETag>' +
        '<Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>' +
        '<Contents><Key>b</Key><LastModified>1970-01-01T00:00:00.000Z</LastModified><Size>0</Size></Contents>' +
        '<Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><KeyCount>2</KeyCount></ListBucketResult>',
    );
  });

  it('writes GetObject as raw bytes (or a stream) with headers, metadata and RFC 822 dates', () => {
    const response = encodeResponse(
      s3,
      'GetObject',
      {
        Body: Buffer.from('content'),
        ContentType: 'text/plain',
        ContentLength: 7,
        ETag: '"abc"',
        LastModified: new Date('2024-01-02T03:04:05Z'),
        Metadata: { author: 'alice', note: 'héllo' },
      },
      { requestId: 'r' },
    );
    assert.equal(response.status, 200);
    assert.equal(String(response.body), 'content');
    assert.equal(response.headers?.['Content-Type'], 'text/plain');
    assert.equal(response.headers?.['Content-Length'], '7');
    assert.equal(response.headers?.['Last-Modified'], 'Tue, 02 Jan 2024 03:04:05 GMT');
    assert.equal(response.headers?.['x-amz-meta-author'], 'alice');
    assert.equal(
      response.headers?.['x-amz-meta-note'],
      `=?UTF-8?B?${Buffer.from('héllo').toString('base64')}?=`,
    );
    const stream = Readable.from(['a', 'b']);
    const streamed = encodeResponse(s3, 'GetObject', { Body: stream }, { requestId: 'r' });
    assert.equal(streamed.body, stream);
    assert.equal(streamed.headers?.['Content-Type'], 'application/octet-stream');
    const head = encodeResponse(s3, 'HeadObject', { ContentLength: 7, ETag: '"abc"' }, { requestId: 'r' });
    assert.equal(head.body, undefined);
  });

  it('writes GetBucketLocation with the value as the root element, and DeleteObjects results', () => {
    const location = encodeResponse(
      s3,
      'GetBucketLocation',
      { LocationConstraint: 'eu-west-1' },
      { requestId: 'r' },
    );
    assert.equal(location.body, `${DECL}<LocationConstraint xmlns="${NS}">eu-west-1</LocationConstraint>`);
    const deleted = encodeResponse(
      s3,
      'DeleteObjects',
      { Deleted: [{ Key: 'a' }], Errors: [{ Key: 'b', Code: 'AccessDenied', Message: 'Access Denied' }] },
      { requestId: 'r' },
    );
    assert.equal(
      deleted.body,
      `${DECL}<DeleteResult xmlns="${NS}"><Deleted><Key>a</Key></Deleted>` +
        '<Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>',
    );
  });

  it('writes errors as a bare <Error> with extra fields, and no body for HEAD', () => {
    const error = new AwsError('NoSuchKey', 'The specified key does not exist.', {
      status: 404,
      fields: { Key: 'missing.txt' },
    });
    const response = encodeError(s3, error, {
      requestId: 'REQ',
      request: request({ method: 'GET', url: '/b/missing.txt' }),
    });
    assert.equal(response.status, 404);
    assert.equal(response.headers?.['x-amz-request-id'], 'REQ');
    assert.equal(
      response.body,
      `${DECL}<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>` +
        `<Key>missing.txt</Key><RequestId>REQ</RequestId><HostId>${Buffer.from('REQ').toString('base64')}</HostId></Error>`,
    );
    const head = encodeError(s3, error, {
      requestId: 'REQ',
      request: request({ method: 'HEAD', url: '/b/k' }),
    });
    assert.equal(head.status, 404);
    assert.equal(head.body, undefined);
  });

  it('writes CloudFront errors in the <ErrorResponse> shape', () => {
    const response = encodeError(
      loadModel('cloudfront'),
      new AwsError('NoSuchDistribution', 'gone', { status: 404 }),
      {
        requestId: 'r',
      },
    );
    assert.match(
      String(response.body),
      /<ErrorResponse xmlns="http:\/\/cloudfront.amazonaws.com\/doc\/2020-05-31\/"><Error><Type>Sender<\/Type><Code>NoSuchDistribution<\/Code>/,
    );
  });
});
