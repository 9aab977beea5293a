import { randomFillSync } from 'node:crypto';

/** Random bytes: `randomBytes`, or a pool that draws them in bulk (request ids on hot paths). */
export type RandomSource = (size: number) => Buffer;

const POOL_BYTES = 4096;

/**
 * Random bytes drawn from the system 4 KB at a time: every request needs some for its ids, and one
 * `randomBytes` call per id costs more than the rest of building them (a system call and OpenSSL's
 * locking each time). The pool is refilled in place (a new buffer per refill cost more than the
 * filling), so the bytes handed out are good until the next call: turn them into an id at once.
 * Not for secrets: ids only.
 */
export function randomPool(): RandomSource {
  let pool = Buffer.alloc(POOL_BYTES);
  let offset = pool.length;
  return (size) => {
    if (offset + size > pool.length) {
      if (size > pool.length) pool = Buffer.alloc(size);
      randomFillSync(pool);
      offset = 0;
    }
    offset += size;
    return pool.subarray(offset - size, offset);
  };
}
