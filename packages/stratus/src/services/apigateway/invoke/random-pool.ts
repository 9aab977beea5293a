import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../ids.ts';

const POOL_BYTES = 4096;

/**
 * Random bytes drawn from the system 4 KB at a time: every request needs 23 of them for its ids,
 * and one `randomBytes` call per id costs more than the rest of building them.
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
