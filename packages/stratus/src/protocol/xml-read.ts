/**
 * Reading XML request bodies (S3's DeleteObjects, PutBucketTagging, …) safely: document type
 * declarations are refused outright, so entity bombs and external entities never load;
 * nesting is capped. The parsed tree is then read into the model's shapes.
 */
import { XMLParser } from 'fast-xml-parser';
import { type CompiledModel, memberIndex } from './compiled.ts';
import type { Shape, ShapeRef } from './model.ts';
import { decodeBase64, parseTimestamp, setEntry } from './values.ts';
import { xmlName } from './xml.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
  maxNestedTags: 64,
});

export class XmlReadError extends Error {}

/** The document's root element name and content; throws XmlReadError for anything not well-formed. */
export function parseXml(text: string): { name: string; node: unknown } {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlReadError('document type declarations are not allowed');
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    throw new XmlReadError((error as Error).message);
  }
  const roots = Object.keys(doc).filter((k) => k !== '#text');
  if (roots.length !== 1) throw new XmlReadError('expected one root element');
  return { name: roots[0], node: doc[roots[0]] };
}

/** Reads a parsed XML node into the plain value the model's shape describes. */
export function readXml(c: CompiledModel, ref: ShapeRef, node: unknown): unknown {
  const shape = c.resolve(ref);
  switch (shape.type) {
    case 'structure':
      return readXmlStructure(c, shape, node);
    case 'list': {
      const member = shape.member!;
      const items = isFlattened(ref, shape)
        ? asArray(node)
        : asArray(child(node, member.locationName ?? 'member'));
      return items.map((item) => readXml(c, member, item));
    }
    case 'map': {
      const keyName = shape.key?.locationName ?? 'key';
      const valueName = shape.value?.locationName ?? 'value';
      const entries = isFlattened(ref, shape) ? asArray(node) : asArray(child(node, 'entry'));
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        const key = text(child(entry, keyName));
        setEntry(out, key, readXml(c, shape.value!, child(entry, valueName)));
      }
      return out;
    }
    default:
      return readXmlScalar(shape, text(node));
  }
}

export function readXmlStructure(c: CompiledModel, shape: Shape, node: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof node !== 'object' || node === null) return out;
  for (const [name, ref] of memberIndex(shape).list) {
    if (ref.location) continue;
    const key = ref.xmlAttribute ? `@_${xmlName(name, ref).replace(/^\w+:/, '')}` : xmlName(name, ref);
    let value = (node as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const target = c.resolve(ref);
    // A repeated element is a flattened list's items; for anything else the first one counts.
    if (Array.isArray(value) && !(target.type === 'list' && isFlattened(ref, target))) value = value[0];
    out[name] = readXml(c, ref, value);
  }
  return out;
}

function readXmlScalar(shape: Shape, value: string): unknown {
  switch (shape.type) {
    case 'boolean':
      if (value === 'true' || value === 'false') return value === 'true';
      throw new XmlReadError(`'${value}' is not a boolean`);
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = Number(value.trim());
      if (value.trim() === '' || Number.isNaN(number)) throw new XmlReadError(`'${value}' is not a number`);
      return number;
    }
    case 'timestamp': {
      const date = parseTimestamp(value.trim());
      if (!date) throw new XmlReadError(`'${value}' is not a timestamp`);
      return date;
    }
    case 'blob': {
      const bytes = decodeBase64(value.trim());
      if (!bytes) throw new XmlReadError('invalid base64');
      return bytes;
    }
    default:
      return value;
  }
}

function isFlattened(ref: ShapeRef, shape: Shape): boolean {
  return ref.flattened === true || shape.flattened === true;
}

function child(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined;
}

function asArray(node: unknown): unknown[] {
  if (node === undefined || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null) {
    const inner = (node as Record<string, unknown>)['#text'];
    return typeof inner === 'string' ? inner : '';
  }
  return node === undefined ? '' : String(node);
}
