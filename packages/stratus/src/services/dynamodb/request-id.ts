import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LENGTH = 52;
/** Random bytes drawn at a time: 78 ids (a `randomBytes` call per request was 7% of a GetItem's CPU). */
const POOL_IDS = 78;
/** Each byte value's character: the byte modulo 36, as one character code. */
const CHARACTER = Uint8Array.from({ length: 256 }, (_, byte) => ALPHABET.charCodeAt(byte % 36));

/**
 * DynamoDB's request ids: 52 upper-case letters and digits (other JSON services use UUIDs), from the
 * instance's own pool of random bytes, turned into characters a pool at a time: an id is then one
 * `latin1` slice of the pool, not 52 string concatenations.
 */
export function dynamoDbRequestIds(): () => string {
  // One buffer refilled in place: a new 4 KB one each time (randomBytes) cost more than the filling.
  const pool = Buffer.alloc(LENGTH * POOL_IDS);
  let offset = pool.length;
  return () => {
    if (offset + LENGTH > pool.length) {
      randomFillSync(pool);
      for (let i = 0; i < pool.length; i++) pool[i] = CHARACTER[pool[i]!]!;
      offset = 0;
    }
    offset += LENGTH;
    return pool.toString('latin1', offset - LENGTH, offset);
  };
}
