import { createHmac, hash } from 'node:crypto';

const MAX_KEYS = 1024;
const BLOCK = 64;

export function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/**
 * An HMAC-SHA256 key with its inner and outer pads prepared once: each signature is then two one-shot
 * hashes (`crypto.hash`) over [pad | data] held in buffers of the key's own, with no Hash object per
 * call (copying a prepared Hash made one, and node's createHmac is several times slower still).
 */
export class SigningKey {
  /** [inner pad | data]: the data is written after the pad for each signature. */
  #inner: Buffer;
  /** [outer pad | inner digest]. */
  readonly #outer: Buffer;

  constructor(key: Buffer) {
    this.#inner = Buffer.alloc(BLOCK + 256, 0x36);
    this.#outer = Buffer.alloc(BLOCK + 32, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.#inner[i]! ^= key[i]!;
      this.#outer[i]! ^= key[i]!;
    }
  }

  /** HMAC-SHA256 of `data` (UTF-8), hex. */
  sign(data: string): string {
    // At most 3 UTF-8 bytes per UTF-16 unit: a buffer this long holds any text of this length.
    if (BLOCK + data.length * 3 > this.#inner.length) {
      const grown = Buffer.alloc(BLOCK + data.length * 3);
      this.#inner.copy(grown, 0, 0, BLOCK);
      this.#inner = grown;
    }
    const length = this.#inner.write(data, BLOCK, 'utf8');
    // Hex out and back: `crypto.hash` answers a Buffer three times slower than a hex string.
    this.#outer.write(hash('sha256', this.#inner.subarray(0, BLOCK + length), 'hex'), BLOCK, 32, 'hex');
    return hash('sha256', this.#outer, 'hex');
  }
}

/**
 * Derived SigV4 signing keys by (secret, date, region, service): four HMACs saved on every
 * request after the first of the day. One cache per instance; it simply starts over when full.
 */
export class SigningKeys {
  readonly #keys = new Map<string, SigningKey>();

  get(secret: string, date: string, region: string, service: string): SigningKey {
    const id = `${secret}\n${date}\n${region}\n${service}`;
    let key = this.#keys.get(id);
    if (!key) {
      key = new SigningKey(hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request'));
      if (this.#keys.size >= MAX_KEYS) this.#keys.clear();
      this.#keys.set(id, key);
    }
    return key;
  }
}

/**
 * Compares two secrets (signatures, session tokens) without leaking where they differ: every character
 * is looked at whatever the earlier ones were (both are ASCII: hex signatures, base64-like tokens; a
 * string differs from another exactly when its UTF-8 bytes do, so no Buffer is needed).
 */
export function sameSignature(expected: string, provided: string): boolean {
  if (expected.length !== provided.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ provided.charCodeAt(i);
  return difference === 0;
}
