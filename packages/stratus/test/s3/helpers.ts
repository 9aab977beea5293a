import assert from 'node:assert/strict';
import { CreateBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';

/** An S3 client for an instance, path-style (`*.localhost` bucket host names do not resolve here). */
export function s3Client(stratus: Stratus, region?: string): S3Client {
  return new S3Client({ ...clientConfig(stratus, region), forcePathStyle: true });
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
