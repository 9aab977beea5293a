/**
 * Keys as bytes whose SQLite (memcmp) order is DynamoDB's order. Sort keys: strings and binary
 * by their UTF-8/raw bytes; numbers by an exact decimal encoding (sign, exponent, digits), never
 * through JS floats. Partition keys get a 4-byte hash prefix, so a scan walks partitions in hash
 * order as DynamoDB does and segments of a parallel scan are ranges of that prefix. The hash is
 * DynamoDB's own (as dynalite's suite, recorded against AWS, shows): MD5 of the salt `Outliers`
 * followed by the key's bytes in DynamoDB's internal form (numbers in a base-100 form, below).
 */
import { createHash, hash } from 'node:crypto';
import { type AttributeValue, typeOf } from './attribute-value.ts';
import { type Decimal, parseDecimal } from './number.ts';

const NEGATIVE = 0x00;
const ZERO = 0x01;
const POSITIVE = 0x02;
const EXPONENT_BIAS = 0x8000;

/** The order-preserving bytes of a scalar key value (S, N or B). */
export function encodeKeyValue(value: AttributeValue): Buffer {
  switch (typeOf(value)) {
    case 'S':
      return Buffer.from(value.S!, 'utf8');
    case 'B':
      return Buffer.from(value.B!);
    default:
      return encodeNumber(value.N!);
  }
}

/**
 * [sign][exponent, 2 bytes][digits]. Negative numbers invert exponent and digits and end with
 * 0xFF, so that a shorter digit string (a larger negative) sorts after its extensions.
 */
export function encodeNumber(text: string): Buffer {
  const value = parseDecimal(text);
  if (!value || value.sign === 0) return Buffer.from([ZERO]);
  const digits = Buffer.from(value.digits, 'latin1');
  const head = Buffer.alloc(3);
  if (value.sign > 0) {
    head[0] = POSITIVE;
    head.writeUInt16BE(value.exponent + EXPONENT_BIAS, 1);
    return Buffer.concat([head, digits]);
  }
  head[0] = NEGATIVE;
  head.writeUInt16BE(0xffff - (value.exponent + EXPONENT_BIAS), 1);
  for (let i = 0; i < digits.length; i++) digits[i] = 0xff - digits[i];
  return Buffer.concat([head, digits, Buffer.from([0xff])]);
}

/** The stored partition-key column: hash prefix, then the value's bytes (`bytes`: encodeKeyValue's, when known). */
export function encodePartitionKey(value: AttributeValue, bytes = encodeKeyValue(value)): Buffer {
  const hashed = typeOf(value) === 'N' ? hashedNumber(parseDecimal(value.N!)) : bytes;
  const stored = Buffer.allocUnsafe(4 + bytes.length);
  writePartitionHash(stored, hashed);
  bytes.copy(stored, 4);
  return stored;
}

/** The 4-byte hash prefix of `hashed` (a key value's hashed form), written at the start of `into`. */
function writePartitionHash(into: Buffer, hashed: Buffer): void {
  // The one-shot hash, in hex: no Hash object per key, and `crypto.hash` answers a Buffer three times slower.
  into.write(hash('md5', Buffer.concat([HASH_SALT, hashed]), 'hex'), 0, 4, 'hex');
}

/** A key value in the form DynamoDB hashes it (numbers in the base-100 form, others as stored). */
function hashedForm(value: AttributeValue): Buffer {
  return typeOf(value) === 'N' ? hashedNumber(parseDecimal(value.N!)) : encodeKeyValue(value);
}

/**
 * Where an item sits among the items sharing one index key: DynamoDB orders them by the same
 * salted MD5 of the item's table key (partition and sort key together), first 3 bytes.
 */
export function tableKeyOrder(hash: AttributeValue, range: AttributeValue | undefined): Buffer {
  const digest = createHash('md5').update(HASH_SALT).update(hashedForm(hash));
  if (range) digest.update(hashedForm(range));
  return digest.digest().subarray(0, 3);
}

/** tableKeyOrder from a stored table key (migrations): the value bytes after the prefix, by type. */
export function storedTableKeyOrder(
  pk: Uint8Array,
  sk: Uint8Array,
  hashType: string,
  rangeType?: string,
): Buffer {
  const decode = (bytes: Buffer, type: string) => (type === 'N' ? hashedNumber(decodeNumber(bytes)) : bytes);
  const digest = createHash('md5')
    .update(HASH_SALT)
    .update(decode(Buffer.from(pk.subarray(4)), hashType));
  if (rangeType) digest.update(decode(Buffer.from(sk), rangeType));
  return digest.digest().subarray(0, 3);
}

/**
 * A stored partition key with its 4-byte prefix recomputed by today's hash, for databases written
 * when the prefix was another hash: the value's bytes after the prefix are unchanged.
 */
export function rehashPartitionKey(stored: Uint8Array, type: string): Buffer {
  const bytes = Buffer.from(stored.subarray(4));
  const hashed = type === 'N' ? hashedNumber(decodeNumber(bytes)) : bytes;
  const rehashed = Buffer.allocUnsafe(4 + bytes.length);
  writePartitionHash(rehashed, hashed);
  bytes.copy(rehashed, 4);
  return rehashed;
}

/** The inverse of encodeNumber. */
function decodeNumber(bytes: Buffer): Decimal {
  if (bytes[0] === ZERO) return { sign: 0, digits: '', exponent: 0 };
  const biased = bytes.readUInt16BE(1);
  if (bytes[0] === POSITIVE) {
    return { sign: 1, exponent: biased - EXPONENT_BIAS, digits: bytes.subarray(3).toString('latin1') };
  }
  const digits = Buffer.from(bytes.subarray(3, bytes.length - 1)).map((b) => 0xff - b);
  return {
    sign: -1,
    exponent: 0xffff - biased - EXPONENT_BIAS,
    digits: Buffer.from(digits).toString('latin1'),
  };
}

const HASH_SALT = Buffer.from('Outliers');

/**
 * A number as DynamoDB hashes it: one exponent byte (base 100, biased by 0xC0), then base-100
 * digit pairs each plus one; negatives complement the exponent, store 101 minus each pair and end
 * with 102 when short (under 20 pairs). Zero is the single byte 0x80.
 */
function hashedNumber(value: Decimal | undefined): Buffer {
  if (!value || value.sign === 0) return Buffer.from([0x80]);
  const odd = value.exponent % 2 !== 0 ? 1 : 0;
  const digits = (odd ? '0' : '') + value.digits;
  const pairs = Math.ceil(digits.length / 2);
  const negative = value.sign < 0;
  const out = Buffer.alloc(1 + pairs + (negative && pairs < 20 ? 1 : 0));
  const exponent = (value.exponent + odd) / 2 - 64;
  out[0] = (negative ? ~exponent : exponent) & 0xff;
  for (let i = 0; i < pairs; i++) {
    const pair = Number(digits[2 * i]) * 10 + Number(digits[2 * i + 1] ?? 0);
    out[1 + i] = negative ? 101 - pair : pair + 1;
  }
  if (negative && pairs < 20) out[out.length - 1] = 102;
  return out;
}

/** Tables without a sort key store this in the sort-key column. */
export const NO_SORT_KEY = Buffer.alloc(0);
