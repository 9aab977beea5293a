import { randomBytes } from 'node:crypto';

/** Random bytes: `randomBytes`, or a pool that draws them in bulk (request ids on hot paths). */
export type RandomSource = (size: number) => Buffer;

const POOL_BYTES = 4096;

/**
 * Random bytes drawn from the system 4 KB at a time: every request needs some for its ids, and one
 * `randomBytes` call per id costs more than the rest of building them (a system call and OpenSSL's
 * locking each time). Not for secrets: ids only.
 */
export function randomPool(): RandomSource {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return (size) => {
    if (offset + size > pool.length) {
      pool = randomBytes(Math.max(POOL_BYTES, size));
      offset = 0;
    }
    offset += size;
    return pool.subarray(offset - size, offset);
  };
}
