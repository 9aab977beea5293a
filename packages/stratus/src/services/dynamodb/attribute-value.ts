/**
 * DynamoDB attribute values (`{ S: 'x' }`, `{ N: '1' }`, `{ B: <Buffer> }`, sets, lists, maps):
 * validation with AWS's messages, normalization, equality, ordering and stored form.
 */
import type { AttributeValue } from '../../protocol/models/types/dynamodb.ts';
import {
  compareNumbers,
  type Decimal,
  decimalProblem,
  formatDecimal,
  normalizeNumber,
  parseDecimal,
  parsedDecimalProblem,
} from './number.ts';

export type { AttributeValue };
export type Item = Record<string, AttributeValue>;
export type AttributeType = keyof AttributeValue;

const INVALID = 'One or more parameter values were invalid: ';

/** The one data type a (validated) value carries. */
export function typeOf(value: AttributeValue): AttributeType {
  for (const key in value) {
    if ((value as Record<string, unknown>)[key] !== undefined) return key as AttributeType;
  }
  return 'NULL';
}

/** Why DynamoDB refuses the value, or undefined when it is well formed. */
export function attributeProblem(value: AttributeValue): string | undefined {
  const types = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (types.length === 0) {
    return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  }
  for (const type of types) {
    const problem = typeProblem(value, type as AttributeType);
    if (problem) return problem;
  }
  if (types.length > 1) {
    return 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
  }
  return undefined;
}

function typeProblem(value: AttributeValue, type: AttributeType): string | undefined {
  switch (type) {
    case 'N':
      return decimalProblem(value.N!);
    case 'NULL':
      return value.NULL ? undefined : `${INVALID}Null attribute value types must have the value of true`;
    case 'SS':
      if (value.SS!.length === 0) return `${INVALID}An string set  may not be empty`;
      if (new Set(value.SS).size !== value.SS!.length)
        return `${INVALID}Input collection [${value.SS!.join(', ')}] contains duplicates.`;
      return undefined;
    case 'NS': {
      if (value.NS!.length === 0) return `${INVALID}An number set  may not be empty`;
      for (const n of value.NS!) {
        const problem = decimalProblem(n);
        if (problem) return problem;
      }
      if (new Set(value.NS!.map(normalizeNumber)).size !== value.NS!.length)
        return 'Input collection contains duplicates';
      return undefined;
    }
    case 'BS':
      if (value.BS!.length === 0) return `${INVALID}Binary sets should not be empty`;
      if (new Set(value.BS!.map((b) => b.toString('base64'))).size !== value.BS!.length)
        return `${INVALID}Input collection [${value.BS!.map((b) => b.toString('base64')).join(', ')}]of type BS contains duplicates.`;
      return undefined;
    case 'M':
      for (const item of Object.values(value.M!)) {
        const problem = attributeProblem(item);
        if (problem) return problem;
      }
      return undefined;
    case 'L':
      for (const item of value.L!) {
        const problem = attributeProblem(item);
        if (problem) return problem;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** An item checked in one walk: its values normalized (normalizeItem) and its itemSize, or its first attributeProblem. */
export type CheckedItem =
  | { readonly item: Item; readonly size: number; readonly problem?: undefined }
  | { readonly problem: string };

/**
 * attributeProblem of every value, normalizeItem and itemSize in one walk of the item, each number parsed
 * once instead of three times (what a put does with every item). The same answers, in the same order.
 */
export function checkItem(item: Item): CheckedItem {
  const total = { size: 0 };
  const checked = checkedMap(item, total);
  return typeof checked === 'string' ? { problem: checked } : { item: checked, size: total.size };
}

/** A map's values checked and normalized, their names' and values' sizes added to `total`; or the first problem. */
function checkedMap(map: Item, total: { size: number }): Item | string {
  const out: Item = {};
  for (const name in map) {
    if (!Object.hasOwn(map, name)) continue;
    const checked = checkedValue(map[name]!, total);
    if (typeof checked === 'string') return checked;
    total.size += Buffer.byteLength(name);
    out[name] = checked;
  }
  return out;
}

function checkedValue(value: AttributeValue, total: { size: number }): AttributeValue | string {
  let type: AttributeType | undefined;
  let types = 0;
  for (const key in value) {
    if ((value as Record<string, unknown>)[key] === undefined) continue;
    types++;
    type ??= key as AttributeType;
  }
  // Empty, or several types: attributeProblem words it (never undefined then).
  if (types !== 1) return attributeProblem(value)!;
  switch (type) {
    case 'N': {
      const decimal = parseDecimal(value.N!);
      const problem = parsedDecimalProblem(value.N!, decimal);
      if (problem) return problem;
      total.size += decimalSize(decimal);
      return { N: formatDecimal(decimal!) };
    }
    case 'S':
      total.size += Buffer.byteLength(value.S!);
      return value;
    case 'M': {
      const entries = Object.keys(value.M!).length;
      const checked = checkedMap(value.M!, total);
      if (typeof checked === 'string') return checked;
      total.size += 3 + entries;
      return { M: checked };
    }
    case 'L': {
      const list: AttributeValue[] = [];
      for (const item of value.L!) {
        const checked = checkedValue(item, total);
        if (typeof checked === 'string') return checked;
        list.push(checked);
      }
      total.size += 3 + list.length;
      return { L: list };
    }
    default: {
      const problem = typeProblem(value, type!);
      if (problem) return problem;
      const normalized = normalizeValue(value);
      total.size += valueSize(normalized);
      return normalized;
    }
  }
}

/** Numbers in DynamoDB's canonical text, recursively (what it stores and answers with). */
export function normalizeValue(value: AttributeValue): AttributeValue {
  if (value.N !== undefined) return { N: normalizeNumber(value.N) };
  if (value.NS) return { NS: value.NS.map(normalizeNumber) };
  if (value.M) return { M: normalizeItem(value.M) };
  if (value.L) return { L: value.L.map(normalizeValue) };
  return value;
}

export function normalizeItem(item: Item): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) out[name] = normalizeValue(value);
  return out;
}

/** Deep equality as DynamoDB's `=` sees it: sets compare without order. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  switch (type) {
    case 'S':
      return a.S === b.S;
    case 'N':
      return compareNumbers(a.N!, b.N!) === 0;
    case 'B':
      return a.B!.equals(b.B!);
    case 'BOOL':
      return a.BOOL === b.BOOL;
    case 'NULL':
      return true;
    case 'SS':
    case 'NS':
    case 'BS': {
      const x = setKeys(a);
      const y = setKeys(b);
      return x.size === y.size && [...x].every((k) => y.has(k));
    }
    case 'L':
      return a.L!.length === b.L!.length && a.L!.every((v, i) => valuesEqual(v, b.L![i]));
    case 'M': {
      const keys = Object.keys(a.M!);
      return (
        keys.length === Object.keys(b.M!).length &&
        keys.every((k) => b.M![k] !== undefined && valuesEqual(a.M![k], b.M![k]))
      );
    }
  }
  return false;
}

/** A set's members as comparable strings. */
export function setKeys(value: AttributeValue): Set<string> {
  if (value.SS) return new Set(value.SS);
  if (value.NS) return new Set(value.NS.map(normalizeNumber));
  return new Set((value.BS ?? []).map((b) => b.toString('base64')));
}

/** Orders two scalars of one type (S by UTF-8 bytes, N numerically, B by bytes); undefined otherwise. */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = typeOf(a);
  if (type !== typeOf(b)) return undefined;
  if (type === 'N') return compareNumbers(a.N!, b.N!);
  if (type === 'S') return Buffer.compare(Buffer.from(a.S!, 'utf8'), Buffer.from(b.S!, 'utf8'));
  if (type === 'B') return Buffer.compare(a.B!, b.B!);
  return undefined;
}

/** Item size as DynamoDB counts it toward the 400 KB limit and capacity units. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  switch (typeOf(value)) {
    case 'S':
      return Buffer.byteLength(value.S!);
    case 'B':
      return value.B!.length;
    case 'N':
      return numberSize(value.N!);
    case 'SS':
      return value.SS!.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    case 'NS':
      return value.NS!.reduce((sum, n) => sum + numberSize(n), 0);
    case 'BS':
      return value.BS!.reduce((sum, b) => sum + b.length, 0);
    case 'L':
      return 3 + value.L!.reduce((sum, v) => sum + 1 + valueSize(v), 0);
    case 'M':
      return 3 + Object.keys(value.M!).length + itemSize(value.M!);
    default:
      return 1;
  }
}

/** One byte per two significant digits, plus one (AWS's documented approximation). */
function numberSize(text: string): number {
  return decimalSize(parseDecimal(text));
}

function decimalSize(value: Decimal | undefined): number {
  if (!value || value.sign === 0) return 1;
  const digits = value.digits.length;
  // Digits are stored in base-100 pairs aligned on the decimal point.
  const aligned = digits + ((value.exponent - digits) % 2 !== 0 ? 1 : 0);
  return 1 + Math.ceil(aligned / 2) + (value.sign < 0 ? 1 : 0);
}

/** The JSON text an item is stored as (binary as base64, tagged). */
export function storeItem(item: Item): string {
  const text = JSON.stringify(item);
  // Every Buffer writes itself as this text, and no item (or stream record) has such an object of
  // its own; text in a string cannot match, its quotes are escaped. Only then is a replacer, which
  // costs a call per value, worth running.
  return text.includes('"type":"Buffer","data":[') ? JSON.stringify(item, tagBinary) : text;
}

function tagBinary(_key: string, value: any): unknown {
  return value && value.type === 'Buffer' && Array.isArray(value.data)
    ? { $b: Buffer.from(value.data).toString('base64') }
    : value;
}

/**
 * Whether an item's stored text is also its wire JSON: it is unless it holds binary (stored as the
 * tag `{"$b": base64}`, answered as a base64 string). A `"$b":` outside a string is a tag; inside one
 * its quotes would be escaped.
 */
export function storedAsWireJson(text: string): boolean {
  return !text.includes('"$b":');
}

/** The item stored as `text`. A reviver costs a call per value, so it runs only for items with binary. */
export function loadItem(text: string): Item {
  if (storedAsWireJson(text)) return JSON.parse(text) as Item;
  return JSON.parse(text, (_key, value) =>
    value && typeof value.$b === 'string' ? Buffer.from(value.$b, 'base64') : value,
  ) as Item;
}

/** A deep copy, safe to change. */
export function cloneItem(item: Item): Item {
  return loadItem(storeItem(item));
}
