/**
 * Keys as bytes whose SQLite (memcmp) order is DynamoDB's order. Sort keys: strings and binary
 * by their UTF-8/raw bytes; numbers by an exact decimal encoding (sign, exponent, digits), never
 * through JS floats. Partition keys get a 4-byte hash prefix, so a scan walks partitions in hash
 * order as DynamoDB does and segments of a parallel scan are ranges of that prefix.
 */
import { createHash } from 'node:crypto';
import { type AttributeValue, typeOf } from './attribute-value.ts';
import { parseDecimal } from './number.ts';

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

/** The stored partition-key column: hash prefix, then the value's bytes. */
export function encodePartitionKey(value: AttributeValue): Buffer {
  const bytes = encodeKeyValue(value);
  const hash = createHash('md5').update(bytes).digest().subarray(0, 4);
  return Buffer.concat([hash, bytes]);
}

/** Tables without a sort key store this in the sort-key column. */
export const NO_SORT_KEY = Buffer.alloc(0);
