import { templateError } from '../services/cloudformation/errors.ts';

/** `Fn::Cidr`: `count` IPv4 blocks of 2^`hostBits` addresses each, carved from `block` in order. */
export function cidrSubnets(block: string, count: number, hostBits: number): string[] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  const prefix = match ? Number(match[5]) : Number.NaN;
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const size = 32 - hostBits;
  if (
    !match ||
    octets.some((o) => o > 255) ||
    prefix > 32 ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 256 ||
    !Number.isInteger(hostBits) ||
    hostBits < 0 ||
    size < prefix ||
    count > 2 ** (size - prefix)
  ) {
    throw templateError(`Template error: Fn::Cidr cannot carve ${count} /${size} blocks from ${block}`);
  }
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  const start = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${toAddress(start + i * 2 ** hostBits)}/${size}`);
}

function toAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
