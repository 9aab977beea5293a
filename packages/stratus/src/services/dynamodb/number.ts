/**
 * DynamoDB numbers: decimals of up to 38 significant digits, magnitudes 1E-130 to 9.99…E+125.
 * Kept as sign + digit string + exponent (value = 0.DIGITS × 10^exponent), never as JS floats,
 * so comparisons, sums and the sort-key encoding are exact.
 */
export interface Decimal {
  readonly sign: -1 | 0 | 1;
  /** Significant digits without leading or trailing zeros ('' for zero). */
  readonly digits: string;
  /** Value = 0.digits × 10^exponent. */
  readonly exponent: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const ZERO: Decimal = { sign: 0, digits: '', exponent: 0 };

/** Parses Java BigDecimal syntax; undefined when the text is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const [, signText, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const all = whole + fraction;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return ZERO;
  const digits = all.slice(lead).replace(/0+$/, '');
  const exponent = whole.length - lead + (exponentText ? Number(exponentText) : 0);
  if (!Number.isSafeInteger(exponent)) return undefined;
  return { sign: signText === '-' ? -1 : 1, digits, exponent };
}

/** Why DynamoDB refuses the number, or undefined when it is storable. */
export function decimalProblem(text: string): string | undefined {
  return parsedDecimalProblem(text, parseDecimal(text));
}

/** decimalProblem of `text` already parsed (`value`: parseDecimal's answer). */
export function parsedDecimalProblem(text: string, value: Decimal | undefined): string | undefined {
  if (!value) return `The parameter cannot be converted to a numeric value${text === '' ? '' : `: ${text}`}`;
  if (value.sign === 0) return undefined;
  // In scientific notation d.ddd × 10^e, e = exponent - 1.
  if (value.exponent - 1 > 125)
    return 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  if (value.exponent - 1 < -130)
    return 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
  if (value.digits.length > 38) return 'Attempting to store more than 38 significant digits in a Number';
  return undefined;
}

/** The plain-notation text DynamoDB answers with: `1E+2` → `100`, `0.50` → `0.5`, `-0` → `0`. */
export function formatDecimal(value: Decimal): string {
  if (value.sign === 0) return '0';
  const { digits, exponent } = value;
  let text: string;
  if (exponent <= 0) text = `0.${'0'.repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) text = digits + '0'.repeat(exponent - digits.length);
  else text = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return value.sign < 0 ? `-${text}` : text;
}

export function normalizeNumber(text: string): string {
  const value = parseDecimal(text);
  return value ? formatDecimal(value) : text;
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  const magnitude =
    a.exponent !== b.exponent ? (a.exponent < b.exponent ? -1 : 1) : compareDigits(a.digits, b.digits);
  return a.sign * magnitude;
}

function compareDigits(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  const x = a.padEnd(length, '0');
  const y = b.padEnd(length, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareNumbers(a: string, b: string): number {
  return compareDecimals(parseDecimal(a) ?? ZERO, parseDecimal(b) ?? ZERO);
}

/** Exact a + b (or a - b) as DynamoDB's update arithmetic computes it. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = toScaled(parseDecimal(a) ?? ZERO);
  const y = toScaled(parseDecimal(b) ?? ZERO);
  const scale = Math.max(x.scale, y.scale);
  const sum =
    x.units * 10n ** BigInt(scale - x.scale) +
    (subtract ? -1n : 1n) * y.units * 10n ** BigInt(scale - y.scale);
  return fromScaled(sum, scale);
}

/** value = units × 10^-scale */
function toScaled(value: Decimal): { units: bigint; scale: number } {
  if (value.sign === 0) return { units: 0n, scale: 0 };
  const scale = value.digits.length - value.exponent;
  return { units: BigInt(value.sign) * BigInt(value.digits), scale };
}

function fromScaled(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  const negative = units < 0n;
  const text = (negative ? -units : units).toString();
  return normalizeNumber(`${negative ? '-' : ''}${text}e${-scale}`);
}
