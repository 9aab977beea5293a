/**
 * JSON bodies (JSON 1.0/1.1 and REST-JSON) to the plain values services use, and back.
 * Reading is strict about types, as AWS's Coral frontends are: a number where a string
 * belongs is a SerializationException, not a silent conversion.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import { refReader, structureBody, wrongType } from './json-readers.ts';
import { refWriter, shapeWriter } from './json-writers.ts';
import type { Shape, ShapeRef } from './model.ts';

/** The JSON key of a body member: its locationName where the model sets one. */
export function jsonKey(name: string, ref: ShapeRef): string {
  return ref.locationName ?? name;
}

/** `inCollection`: the value is an element of a list or map, not a structure's member (Coral words errors differently). */
export function readJson(
  c: CompiledModel,
  ref: ShapeRef,
  value: unknown,
  depth = 0,
  inCollection = false,
): unknown {
  return refReader(c, ref)(value, depth, inCollection);
}

/** Reads a JSON object into a structure; `skip` tells members bound elsewhere (headers, URI). */
export function readStructure(
  c: CompiledModel,
  shape: Shape,
  shapeName: string,
  value: unknown,
  skip?: (ref: ShapeRef) => boolean,
  depth = 0,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(c, { shape: shapeName }, value);
  }
  if (!skip) return structureBody(c, shape)(value, depth);
  const { byJsonKey } = memberIndex(shape);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const member = byJsonKey.get(key);
    if (!member || skip(member[1])) continue;
    const read = readJson(c, member[1], item, depth);
    if (read !== undefined) out[member[0]] = read;
  }
  return out;
}

/** A service's output value as JSON: Dates to epoch seconds, Buffers to base64; undefined omitted. */
export function writeJson(c: CompiledModel, ref: ShapeRef, value: unknown): unknown {
  return refWriter(c, ref)(value);
}

export function writeStructure(
  c: CompiledModel,
  shape: Shape,
  value: Record<string, unknown>,
  skip?: (ref: ShapeRef) => boolean,
): Record<string, unknown> {
  if (!skip) return shapeWriter(c, shape)(value) as Record<string, unknown>;
  const index = memberIndex(shape);
  const out: Record<string, unknown> = {};
  const write = (name: string, ref: ShapeRef | undefined) => {
    if (!ref || skip(ref)) return;
    const written = writeJson(c, ref, value[name]);
    if (written !== undefined) out[jsonKey(name, ref)] = written;
  };
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    // Plain objects are usually sparse next to their shapes: walk what is there.
    for (const name in value) write(name, index.byName.get(name));
  } else {
    for (const [name, ref] of index.list) write(name, ref);
  }
  return out;
}
