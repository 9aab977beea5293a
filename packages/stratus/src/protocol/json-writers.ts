/**
 * Output values to JSON values, compiled once per model: one closure per structure, list and map
 * shape (and per scalar member), so writing a large answer (a Query page of 100 items) does no
 * shape lookups, switches or member-index searches per value. The result is exactly what the
 * shape-walking definition in json-codec.ts describes: Dates to their timestamp format, Buffers to
 * base64, undefined members left out.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import { JsonText } from './json-text.ts';
import type { Shape, ShapeRef } from './model.ts';
import { encodeBase64, formatTimestamp, setEntry } from './values.ts';

export type Writer = (value: unknown) => unknown;

/** A writer's slot, filled on first use, so recursive shapes (DynamoDB's AttributeValue) can refer to themselves. */
interface Cell {
  write: Writer;
}

interface Writers {
  readonly byShape: Map<Shape, Cell>;
  readonly byRef: Map<ShapeRef, Writer>;
}

function writers(c: CompiledModel): Writers {
  return c.memo('json-writers', () => ({ byShape: new Map(), byRef: new Map() }));
}

/** The writer of a member, list item or map value. */
export function refWriter(c: CompiledModel, ref: ShapeRef): Writer {
  const cache = writers(c).byRef;
  let writer = cache.get(ref);
  if (!writer) {
    const shape = c.resolve(ref);
    if (!shape.document && (shape.type === 'structure' || shape.type === 'list' || shape.type === 'map')) {
      const cell = shapeCell(c, shape);
      // A value already in its JSON text is its own wire form (json-text.ts).
      writer = (value) => (value instanceof JsonText ? value : cell.write(value));
    } else {
      writer = scalarWriter(shape, ref);
    }
    cache.set(ref, writer);
  }
  return writer;
}

/** The writer of a structure, list or map shape. */
export function shapeWriter(c: CompiledModel, shape: Shape): Writer {
  const cell = shapeCell(c, shape);
  return (value) => cell.write(value);
}

function shapeCell(c: CompiledModel, shape: Shape): Cell {
  const cache = writers(c).byShape;
  let cell = cache.get(shape);
  if (!cell) {
    const slot: Cell = {
      write: (value) => {
        slot.write = buildContainer(c, shape);
        return slot.write(value);
      },
    };
    cell = slot;
    cache.set(shape, cell);
  }
  return cell;
}

/**
 * Containers are copied only where writing changes something: a value already in its wire form
 * (a plain object or array whose members all write as themselves, as DynamoDB's items parsed from
 * JSON do) is returned as it is, so it is serialized without being rebuilt. Every shortcut below
 * keeps the JSON text identical to a copy's: undefined members are left out, undefined and null
 * list items are null, either way.
 */
function buildContainer(c: CompiledModel, shape: Shape): Writer {
  if (shape.type === 'list') {
    const item = refWriter(c, shape.member!);
    return (value) => {
      if (value === null || value === undefined) return undefined;
      if (!Array.isArray(value)) {
        const out: unknown[] = [];
        for (const entry of value as Iterable<unknown>) {
          const written = item(entry);
          out.push(written === undefined ? null : written);
        }
        return out;
      }
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const entry = value[i];
        const written = item(entry);
        if (out === undefined) {
          if (written === entry || entry === undefined || entry === null) continue;
          out = value.slice(0, i);
        }
        out.push(written === undefined ? null : written);
      }
      return out ?? value;
    };
  }
  if (shape.type === 'map') {
    const item = refWriter(c, shape.value!);
    return (value) => {
      if (value === null || value === undefined) return undefined;
      if (value instanceof Map || !isPlain(value)) {
        const out: Record<string, unknown> = {};
        const entries = value instanceof Map ? value.entries() : Object.entries(value as object);
        for (const [key, entry] of entries) {
          const written = item(entry);
          if (written !== undefined) setEntry(out, String(key), written);
        }
        return out;
      }
      const record = value as Record<string, unknown>;
      let out: Record<string, unknown> | undefined;
      for (const key in record) {
        const entry = record[key];
        const written = item(entry);
        if (out === undefined) {
          if (written === entry && entry !== null) continue;
          out = copyBefore(record, key);
        }
        if (written !== undefined) setEntry(out, key, written);
      }
      return out ?? record;
    };
  }
  const members = memberIndex(shape).list.map(([name, ref]) => ({
    name,
    key: ref.locationName ?? name,
    write: refWriter(c, ref),
  }));
  const byName = new Map(members.map((m) => [m.name, m]));
  return (value) => {
    if (value === null || value === undefined) return undefined;
    const record = value as Record<string, unknown>;
    if (!isPlain(record)) {
      const out: Record<string, unknown> = {};
      for (const member of members) {
        const written = member.write(record[member.name]);
        if (written !== undefined) out[member.key] = written;
      }
      return out;
    }
    // Plain objects are usually sparse next to their shapes: walk what is there.
    let out: Record<string, unknown> | undefined;
    for (const name in record) {
      const member = byName.get(name);
      const entry = record[name];
      const written = member?.write(entry);
      if (out === undefined) {
        if (member && member.key === name && written === entry && entry !== null) continue;
        out = copyBefore(record, name);
      }
      if (member && written !== undefined) out[member.key] = written;
    }
    return out ?? record;
  };
}

/** An object JSON.stringify writes as its own keys (no class, no toJSON of its own). */
function isPlain(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of the entries before `stop` (all written as themselves), leaving out undefined ones. */
function copyBefore(record: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    if (key === stop) break;
    if (record[key] !== undefined) setEntry(out, key, record[key]);
  }
  return out;
}

function scalarWriter(shape: Shape, ref: ShapeRef): Writer {
  if (shape.document) return (value) => (value === null ? undefined : value);
  switch (shape.type) {
    case 'timestamp': {
      const format = ref.timestampFormat ?? shape.timestampFormat ?? 'unixTimestamp';
      return (value) => (value === null || value === undefined ? undefined : formatTimestamp(value, format));
    }
    case 'blob':
      return (value) => (value === null || value === undefined ? undefined : encodeBase64(value));
    case 'string':
      if (ref.jsonvalue) {
        return (value) =>
          value === null || value === undefined
            ? undefined
            : typeof value === 'string'
              ? value
              : JSON.stringify(value);
      }
      return (value) =>
        typeof value === 'string' ? value : value === null || value === undefined ? undefined : String(value);
    case 'boolean':
      return (value) => (value === null || value === undefined ? undefined : Boolean(value));
    case 'float':
    case 'double':
      return (value) =>
        value === null || value === undefined
          ? undefined
          : Number.isFinite(value)
            ? Number(value)
            : String(value);
    default:
      return (value) => (value === null || value === undefined ? undefined : Number(value));
  }
}
