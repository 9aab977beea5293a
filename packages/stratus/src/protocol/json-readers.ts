/**
 * JSON input values to the plain values services use, compiled once per model: one closure per
 * member, list item and map value reference, so reading a large body (25 DynamoDB items) does no
 * shape lookups or switches per value. Strict about types as AWS's Coral frontends are, with
 * their wording (coral-types.ts); deeper input than MAX_DEPTH is refused.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import { malformedError } from './conventions.ts';
import { base64Problem, wrongTypeMessage } from './coral-types.ts';
import type { Shape, ShapeRef } from './model.ts';
import { parseTimestamp, setEntry } from './values.ts';

/** Deeper input than this is refused (recursive shapes such as DynamoDB's AttributeValue). */
const MAX_DEPTH = 64;

/** `inCollection`: the value is an element of a list or map, not a structure's member (Coral words errors differently). */
export type Reader = (value: unknown, depth: number, inCollection: boolean) => unknown;
type Body = (value: object, depth: number) => Record<string, unknown>;

interface Readers {
  readonly byRef: Map<ShapeRef, Reader>;
  readonly bodies: Map<Shape, { read: Body }>;
}

function readers(c: CompiledModel): Readers {
  return c.memo('json-readers', () => ({ byRef: new Map(), bodies: new Map() }));
}

/** The reader of a member, list item or map value; built on its first use (shapes may be recursive). */
export function refReader(c: CompiledModel, ref: ShapeRef): Reader {
  const cache = readers(c).byRef;
  let reader = cache.get(ref);
  if (!reader) {
    const cell = {
      read: ((value, depth, inCollection) => {
        cell.read = buildReader(c, ref);
        return cell.read(value, depth, inCollection);
      }) as Reader,
    };
    reader = (value, depth, inCollection) => cell.read(value, depth, inCollection);
    cache.set(ref, reader);
  }
  return reader;
}

/** Reads a JSON object's members into a structure (the object already checked to be one). */
export function structureBody(c: CompiledModel, shape: Shape): Body {
  const cache = readers(c).bodies;
  let cell = cache.get(shape);
  if (!cell) {
    const slot = {
      read: ((value, depth) => {
        slot.read = buildBody(c, shape);
        return slot.read(value, depth);
      }) as Body,
    };
    cell = slot;
    cache.set(shape, cell);
  }
  const found = cell;
  return (value, depth) => found.read(value, depth);
}

function buildBody(c: CompiledModel, shape: Shape): Body {
  const members = new Map<string, readonly [string, Reader]>();
  for (const [key, [name, ref]] of memberIndex(shape).byJsonKey) members.set(key, [name, refReader(c, ref)]);
  return (value, depth) => {
    const out: Record<string, unknown> = {};
    // The body's keys drive the loop: bodies are sparse next to their shapes (AttributeValue). Own keys
    // by `for in`, not Object.keys: no array per object read.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const member = members.get(key);
      if (!member) continue;
      const read = member[1]((value as Record<string, unknown>)[key], depth, false);
      if (read !== undefined) out[member[0]] = read;
    }
    return out;
  };
}

function buildReader(c: CompiledModel, ref: ShapeRef): Reader {
  const shape = c.resolve(ref);
  const read = shapeReader(c, ref, shape);
  return (value, depth, inCollection) => {
    if (value === null || value === undefined) return undefined;
    if (depth > MAX_DEPTH) throw malformedError(c, 'Nesting levels have exceeded supported limits');
    return read(value, depth, inCollection);
  };
}

/** The reading of a present value, within the depth limit. */
function shapeReader(c: CompiledModel, ref: ShapeRef, shape: Shape): Reader {
  if (shape.document) return (value) => value;
  switch (shape.type) {
    case 'structure': {
      const body = structureBody(c, shape);
      return (value, depth, inCollection) => {
        if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(c, ref, value, inCollection);
        return body(value as object, depth + 1);
      };
    }
    case 'list': {
      const item = refReader(c, shape.member!);
      return (value, depth, inCollection) => {
        if (!Array.isArray(value)) throw wrongType(c, ref, value, inCollection);
        const out: unknown[] = [];
        for (const entry of value) {
          const read = item(entry, depth + 1, true);
          if (read !== undefined) out.push(read);
        }
        return out;
      };
    }
    case 'map': {
      const item = refReader(c, shape.value!);
      return (value, depth, inCollection) => {
        if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(c, ref, value, inCollection);
        const out: Record<string, unknown> = {};
        for (const key in value as object) {
          if (!Object.hasOwn(value as object, key)) continue;
          const read = item((value as Record<string, unknown>)[key], depth + 1, true);
          if (read !== undefined) setEntry(out, key, read);
        }
        return out;
      };
    }
    case 'string':
      return (value) => {
        if (typeof value !== 'string') throw wrongType(c, ref, value);
        return value;
      };
    case 'boolean':
      return (value) => readBoolean(c, ref, value);
    case 'integer':
    case 'long':
      return (value) => {
        if (typeof value !== 'number') throw wrongType(c, ref, value);
        return Math.trunc(value);
      };
    case 'float':
    case 'double':
    case 'bigdecimal':
    case 'biginteger':
      return (value) => readFloat(c, ref, value);
    case 'timestamp':
      return (value) => {
        const date =
          typeof value === 'number' || typeof value === 'string' ? parseTimestamp(value) : undefined;
        if (!date) throw wrongType(c, ref, value);
        return date;
      };
    case 'blob':
      return (value) => {
        if (typeof value !== 'string') throw wrongType(c, ref, value);
        const problem = base64Problem(value);
        if (problem) throw malformedError(c, problem);
        return Buffer.from(value, 'base64');
      };
    default:
      return () => undefined;
  }
}

function readBoolean(c: CompiledModel, ref: ShapeRef, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const upper = value.toUpperCase();
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE') return false;
    // DynamoDB's frontend also reads yes/no and 1/0 (`{"NULL": "no"}` is false, then refused as not true).
    if (c.serviceId === 'DynamoDB') {
      if (upper === 'YES' || upper === '1') return true;
      if (upper === 'NO' || upper === '0') return false;
    }
  }
  throw wrongType(c, ref, value);
}

function readFloat(c: CompiledModel, ref: ShapeRef, value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw wrongType(c, ref, value);
}

/** The SerializationException for a value of the wrong JSON type, worded as AWS's Coral frontends do. */
export function wrongType(c: CompiledModel, ref: ShapeRef, value: unknown, inCollection = false) {
  return malformedError(c, wrongTypeMessage(c, ref, value, inCollection));
}
