import { createHash, type Hash, hash } from 'node:crypto';
import { type ChecksumAlgorithm, type Checksummer, checksummer } from './checksums.ts';

/** What a body's bytes hash to: computed in one pass while it is written. */
export interface BodyDigests {
  /** Hex MD5 (the ETag of a single-part object). */
  readonly md5: string;
  /** Hex SHA-256, when asked for (to check a signed x-amz-content-sha256). */
  readonly sha256?: string;
  /** Base64 digests of the additional checksums asked for. */
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

/** Every digest an upload needs, fed chunk by chunk. */
export class Digester {
  readonly #md5: Hash = createHash('md5');
  readonly #sha256: Hash | undefined;
  readonly #summers: (readonly [ChecksumAlgorithm, Checksummer])[];

  constructor(algorithms: readonly ChecksumAlgorithm[], sha256: boolean) {
    this.#sha256 = sha256 ? createHash('sha256') : undefined;
    this.#summers = algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
  }

  update(data: Buffer): void {
    this.#md5.update(data);
    this.#sha256?.update(data);
    for (const [, summer] of this.#summers) summer.update(data);
  }

  digest(): BodyDigests {
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [algorithm, summer] of this.#summers) checksums[algorithm] = summer.digest();
    const md5 = this.#md5.digest('hex');
    return this.#sha256 ? { md5, sha256: this.#sha256.digest('hex'), checksums } : { md5, checksums };
  }
}

/** The digests of a body held whole (a small one): one-shot hashes, cheaper than incremental ones at this size. */
export function digestWhole(
  data: Buffer,
  algorithms: readonly ChecksumAlgorithm[],
  sha256: boolean,
): BodyDigests {
  const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const algorithm of algorithms) {
    const summer = checksummer(algorithm);
    summer.update(data);
    checksums[algorithm] = summer.digest();
  }
  const md5 = hash('md5', data, 'hex');
  return sha256 ? { md5, sha256: hash('sha256', data, 'hex'), checksums } : { md5, checksums };
}
