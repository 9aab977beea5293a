import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The additional checksums S3 accepts, by the name the SDK sends in `x-amz-sdk-checksum-algorithm`. */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** The header carrying an algorithm's value: `x-amz-checksum-crc32`, … */
export const checksumHeader = (algorithm: ChecksumAlgorithm) => `x-amz-checksum-${algorithm.toLowerCase()}`;

/** An incremental checksum whose digest is base64, as S3 writes it. */
export interface Checksummer {
  update(data: Buffer): void;
  digest(): string;
}

export function checksummer(algorithm: ChecksumAlgorithm): Checksummer {
  switch (algorithm) {
    case 'CRC32':
      return crcSummer((data, crc) => crc32(data, crc));
    case 'CRC32C':
      return crcSummer(crc32c);
    default:
      return hashSummer(createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256'));
  }
}

function crcSummer(update: (data: Buffer, crc: number) => number): Checksummer {
  let crc = 0;
  return {
    update: (data) => {
      crc = update(data, crc);
    },
    digest: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc >>> 0);
      return out.toString('base64');
    },
  };
}

function hashSummer(hash: Hash): Checksummer {
  return { update: (data) => hash.update(data), digest: () => hash.digest('base64') };
}

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): zlib only has the IEEE CRC-32.
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(data: Buffer, previous: number): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** A multipart object's checksum: the algorithm over the parts' binary checksums, then `-N` (S3's COMPOSITE type). */
export function compositeChecksum(algorithm: ChecksumAlgorithm, parts: readonly string[]): string {
  const summer = checksummer(algorithm);
  for (const part of parts) summer.update(Buffer.from(part, 'base64'));
  return `${summer.digest()}-${parts.length}`;
}
