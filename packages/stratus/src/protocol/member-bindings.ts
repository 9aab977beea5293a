/**
 * HTTP bindings of REST members: which travel in the URI, the query string (a map member
 * takes every parameter no other member claims), headers (a prefix map takes `x-amz-meta-*`)
 * or the status code, read into an input and written from an output.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import { type HttpRequest, header } from './http.ts';
import type { Shape, ShapeRef } from './model.ts';
import { setEntry } from './values.ts';

/** A header or query string value as text, undefined when absent. */
export type ScalarReader = (
  ref: ShapeRef,
  shape: Shape,
  text: string,
  where: 'header' | 'querystring',
) => unknown;

/** The members bound to the URI, query string and headers. */
export function readBindings(
  c: CompiledModel,
  shape: Shape,
  req: HttpRequest,
  labels: Record<string, string>,
  readScalar: ScalarReader,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const claimed = new Set<string>();
  for (const [, ref] of memberIndex(shape).list) {
    if (ref.location === 'querystring' && ref.locationName) claimed.add(ref.locationName);
  }
  for (const [name, ref] of memberIndex(shape).list) {
    const wire = ref.locationName ?? name;
    const target = c.resolve(ref);
    switch (ref.location) {
      case 'uri':
        if (labels[wire] !== undefined) input[name] = readScalar(ref, target, labels[wire], 'querystring');
        break;
      case 'querystring':
        if (target.type === 'map') {
          const map: Record<string, unknown> = {};
          const valueShape = c.resolve(target.value!);
          for (const key of new Set(req.query.keys())) {
            if (claimed.has(key)) continue;
            setEntry(map, key, valueShape.type === 'list' ? req.query.getAll(key) : req.query.get(key));
          }
          if (Object.keys(map).length > 0) input[name] = map;
        } else if (target.type === 'list') {
          const values = req.query.getAll(wire);
          if (values.length > 0)
            input[name] = values.map((v) =>
              readScalar(target.member!, c.resolve(target.member!), v, 'querystring'),
            );
        } else if (req.query.has(wire)) {
          input[name] = readScalar(ref, target, req.query.get(wire)!, 'querystring');
        }
        break;
      case 'header': {
        const value = header(req, wire.toLowerCase());
        if (value === undefined) break;
        if (target.type === 'list') {
          const member = target.member!;
          input[name] = splitHeaderList(value).map((v) => readScalar(member, c.resolve(member), v, 'header'));
        } else {
          input[name] = readScalar(ref, target, value, 'header');
        }
        break;
      }
      case 'headers': {
        const prefix = wire.toLowerCase();
        const map: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (key.startsWith(prefix) && value !== undefined) {
            setEntry(map, key.slice(prefix.length), Array.isArray(value) ? value.join(',') : value);
          }
        }
        if (Object.keys(map).length > 0) input[name] = map;
        break;
      }
    }
  }
  return input;
}

function splitHeaderList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Header and status members of an output; `format` writes one scalar as header text. */
export function writeBindings(
  c: CompiledModel,
  shape: Shape,
  output: Record<string, unknown>,
  format: (ref: ShapeRef, shape: Shape, value: unknown) => string,
): { status?: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  for (const [name, ref] of memberIndex(shape).list) {
    const value = output[name];
    if (value === undefined || value === null || !ref.location) continue;
    const target = c.resolve(ref);
    const wire = ref.locationName ?? name;
    if (ref.location === 'statusCode') {
      status = Number(value);
    } else if (ref.location === 'header') {
      headers[wire] = headerSafe(
        target.type === 'list'
          ? (value as unknown[]).map((v) => format(target.member!, c.resolve(target.member!), v)).join(', ')
          : format(ref, target, value),
      );
    } else if (ref.location === 'headers') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== undefined && item !== null) headers[`${wire}${key}`] = headerSafe(String(item));
      }
    }
  }
  return { status, headers };
}

/**
 * Header values must be printable ASCII; anything else (S3 metadata in other scripts) goes out
 * RFC 2047-encoded, `=?UTF-8?B?…?=`, as S3 sends it.
 */
function headerSafe(value: string): string {
  return /^[\x20-\x7e\t]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
