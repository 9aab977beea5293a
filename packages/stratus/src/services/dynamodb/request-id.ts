import { randomPool } from '../../random-pool.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * DynamoDB's request ids: 52 upper-case letters and digits (other JSON services use UUIDs), from the
 * instance's own pool of random bytes (a `randomBytes` call per request was 7% of a GetItem's CPU).
 */
export function dynamoDbRequestIds(): () => string {
  const random = randomPool();
  return () => {
    const bytes = random(52);
    let id = '';
    for (let i = 0; i < 52; i++) id += ALPHABET[bytes[i]! % 36];
    return id;
  };
}
