import assert from 'node:assert/strict';
import { request } from 'node:http';
import { CreateBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { readResponse } from '../support/http.ts';
import { sign } from '../support/sigv4.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

/** An S3 client for an instance, path-style (`*.localhost` bucket host names do not resolve here). */
export function s3Client(stratus: Stratus, region?: string): S3Client {
  return new S3Client({ ...clientConfig(stratus, region), forcePathStyle: true });
}

/** A path-style S3 client signing with a session of `roleArn` (as a function with that role would). */
export function roleClient(stratus: Stratus, roleArn: string): S3Client {
  const issued = stratus.security.credentials.issue(roleArn, 'session');
  const { accessKeyId, secretAccessKey, sessionToken } = issued;
  return new S3Client({
    ...clientConfig(stratus),
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
  });
}

/** Moves the instance's clock; the client then signs with the instance's time, as the SDK does after a skew answer. */
export function advanceClock(stratus: Stratus, s3: S3Client, ms: number): void {
  stratus.clock.advance(ms);
  s3.config.systemClockOffset = stratus.clock.offsetMs;
}

/** An instance for one test file with a path-style S3 client. */
export interface S3Testbed {
  readonly stratus: Stratus;
  readonly s3: S3Client;
  /** Destroys the client and stops the instance; call it in `after`. */
  stop(): Promise<void>;
}

/** Starts an instance, makes its S3 client and creates `buckets` in us-east-1. */
export async function startS3(buckets: readonly string[] = []): Promise<S3Testbed> {
  const stratus = await startStratus();
  const s3 = s3Client(stratus);
  for (const bucket of buckets) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    stratus,
    s3,
    async stop() {
      s3.destroy();
      await stratus.stop();
    },
  };
}

/** The S3 error a call fails with; fails the test if the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  assert.fail('expected the call to fail');
}

/**
 * A signed PUT to `path` that declares `declared` bytes but sends only `sent` of them, then waits for
 * the answer (which must come without the rest) and drops the connection.
 */
export async function partialPut(
  stratus: Stratus,
  path: string,
  declared: number,
  sent: number,
): Promise<{ status: number; body: string; connection?: string }> {
  const call = await sign(stratus, {
    service: 's3',
    method: 'PUT',
    path,
    headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(declared) },
  });
  const headers = { ...call.headers };
  delete headers.host;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: stratus.port, method: 'PUT', path, headers });
    req.on('response', (res) => {
      readResponse(res).then(({ status, body, headers }) => {
        resolve({ status, body, connection: headers.connection as string | undefined });
        req.destroy();
      }, reject);
    });
    req.on('error', reject);
    req.write(Buffer.alloc(sent, 7));
  });
}
