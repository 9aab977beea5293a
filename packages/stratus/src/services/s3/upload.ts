import type { Readable } from 'node:stream';
import { contentSha256Mismatch } from '../../iam/sigv4/errors.ts';
import { isAwsError } from '../../protocol/errors.ts';
import type { StagedBody } from './bodies.ts';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumHeader,
  isChecksumAlgorithm,
} from './checksums.ts';
import type { S3Core } from './core.ts';
import { S3Errors } from './errors.ts';
import { ownsChunks, signedPayloadHash, trailersOf } from './request-body.ts';

/** A single PUT carries at most 5 GB. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** The upload members PutObject and UploadPart share. */
export interface UploadInput {
  Body?: Buffer | Readable;
  ContentLength?: number;
  ContentMD5?: string;
  ChecksumAlgorithm?: string;
  ChecksumCRC32?: string;
  ChecksumCRC32C?: string;
  ChecksumSHA1?: string;
  ChecksumSHA256?: string;
}

export interface ReceivedBody {
  readonly staged: StagedBody;
  /** The additional checksum the client asked for (header or trailer), verified. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
}

/**
 * Streams an upload to a staged body and checks it: the declared length, the signed payload
 * hash, Content-MD5, and the
 * x-amz-checksum-* value sent as a header or as an aws-chunked trailer. Nothing stays behind
 * when a check fails.
 */
export async function receiveBody(
  core: S3Core,
  input: UploadInput,
  trailerHeader?: string,
): Promise<ReceivedBody> {
  if (input.ContentLength !== undefined && input.ContentLength > MAX_PUT_BYTES)
    throw S3Errors.entityTooLarge(input.ContentLength, MAX_PUT_BYTES);
  const md5 = input.ContentMD5 === undefined ? undefined : decodeMd5(input.ContentMD5);
  const algorithm = requestedAlgorithm(input, trailerHeader);
  const signed = signedPayloadHash(input.Body);
  let staged: StagedBody;
  try {
    staged = await core.bodies.stage(
      input.Body ?? Buffer.alloc(0),
      algorithm ? [algorithm] : [],
      signed !== undefined,
      ownsChunks(input.Body),
    );
  } catch (error) {
    if (isAwsError(error)) throw error;
    throw S3Errors.incompleteBody();
  }
  try {
    if (input.ContentLength !== undefined && staged.size !== input.ContentLength)
      throw S3Errors.incompleteBody();
    if (signed !== undefined && staged.sha256 !== signed) throw contentSha256Mismatch(signed, staged.sha256!);
    if (md5 !== undefined && md5 !== staged.md5)
      throw S3Errors.badDigest(input.ContentMD5!, Buffer.from(staged.md5, 'hex').toString('base64'));
    if (!algorithm) return { staged };
    const value = staged.checksums[algorithm]!;
    const claimed = claimedChecksum(input, algorithm) ?? trailersOf(input.Body)[checksumHeader(algorithm)];
    if (claimed !== undefined && claimed !== value) throw S3Errors.badChecksum(algorithm);
    return { staged, checksum: { algorithm, value } };
  } catch (error) {
    await core.bodies.discard(staged);
    throw error;
  }
}

function decodeMd5(text: string): string {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== text) throw S3Errors.invalidDigest(text);
  return bytes.toString('hex');
}

/** The checksum to compute: named by a value header, a trailer declaration or the SDK's algorithm header. */
export function requestedAlgorithm(
  input: UploadInput,
  trailerHeader: string | undefined,
): ChecksumAlgorithm | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const claimed = claimedChecksum(input, algorithm);
    if (claimed === undefined) continue;
    const bytes = Buffer.from(claimed, 'base64');
    const expected = algorithm.startsWith('CRC') ? 4 : algorithm === 'SHA1' ? 20 : 32;
    if (bytes.length !== expected) throw S3Errors.invalidChecksumHeader(checksumHeader(algorithm));
    return algorithm;
  }
  const trailer = trailerHeader?.trim().toLowerCase();
  const fromTrailer = CHECKSUM_ALGORITHMS.find((a) => checksumHeader(a) === trailer);
  if (fromTrailer) return fromTrailer;
  const named = input.ChecksumAlgorithm?.toUpperCase();
  return named && isChecksumAlgorithm(named) ? named : undefined;
}

function claimedChecksum(input: UploadInput, algorithm: ChecksumAlgorithm): string | undefined {
  return input[`Checksum${algorithm}`];
}

/** Whether the request carries Content-MD5 or an x-amz-checksum-* value (header or trailer): Object Lock's uploads must. */
export function carriesIntegrityCheck(input: UploadInput, trailerHeader: string | undefined): boolean {
  if (input.ContentMD5 !== undefined) return true;
  if (CHECKSUM_ALGORITHMS.some((algorithm) => claimedChecksum(input, algorithm) !== undefined)) return true;
  return trailerHeader?.trim().toLowerCase().startsWith('x-amz-checksum-') ?? false;
}
