import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** DynamoDB's request id: 52 upper-case letters and digits (other JSON services use UUIDs). */
export function newDynamoDbRequestId(): string {
  const bytes = randomBytes(52);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return id;
}
