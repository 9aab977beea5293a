/**
 * XML as the Query and REST-XML protocols write it: members as elements (locationName),
 * lists wrapped in `<member>` unless flattened, maps as entry/key/value, timestamps in ISO 8601
 * and blobs in base64 unless the model says otherwise.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import type { Shape, ShapeRef } from './model.ts';
import { encodeBase64, formatTimestamp } from './values.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (ch) => ESCAPES[ch]);
}

/** The element name of a structure member. */
export function xmlName(name: string, ref: ShapeRef): string {
  return ref.locationName ?? name;
}

function isFlattened(ref: ShapeRef, shape: Shape): boolean {
  return ref.flattened === true || shape.flattened === true;
}

/** One member as element(s), or '' when the value is absent. */
export function writeXmlValue(c: CompiledModel, ref: ShapeRef, name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const shape = c.resolve(ref);
  const ns = ref.xmlNamespace ?? shape.xmlNamespace;
  const nsAttr = ns ? ` xmlns${ns.prefix ? `:${ns.prefix}` : ''}="${escapeXml(ns.uri)}"` : '';
  switch (shape.type) {
    case 'structure': {
      const record = value as Record<string, unknown>;
      return `<${name}${nsAttr}${writeXmlAttributes(c, shape, record)}>${writeXmlMembers(c, shape, record)}</${name}>`;
    }
    case 'list': {
      const items = [...(value as Iterable<unknown>)];
      const member = shape.member!;
      if (isFlattened(ref, shape)) {
        const itemName = member.locationName ?? name;
        return items.map((item) => writeXmlValue(c, member, itemName, item)).join('');
      }
      const itemName = member.locationName ?? 'member';
      const inner = items.map((item) => writeXmlValue(c, member, itemName, item)).join('');
      return `<${name}${nsAttr}>${inner}</${name}>`;
    }
    case 'map': {
      const keyName = shape.key?.locationName ?? 'key';
      const valueName = shape.value?.locationName ?? 'value';
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      const write = ([k, v]: [unknown, unknown]) =>
        `<${keyName}>${escapeXml(String(k))}</${keyName}>${writeXmlValue(c, shape.value!, valueName, v)}`;
      if (isFlattened(ref, shape)) return entries.map((e) => `<${name}>${write(e)}</${name}>`).join('');
      return `<${name}${nsAttr}>${entries.map((e) => `<entry>${write(e)}</entry>`).join('')}</${name}>`;
    }
    default:
      return `<${name}${nsAttr}>${escapeXml(xmlScalar(ref, shape, value))}</${name}>`;
  }
}

/** The child elements of a structure; `skip` leaves out members bound to headers or the URI. */
export function writeXmlMembers(
  c: CompiledModel,
  shape: Shape,
  value: Record<string, unknown>,
  skip?: (ref: ShapeRef) => boolean,
): string {
  let out = '';
  for (const [name, ref] of memberIndex(shape).list) {
    if (ref.xmlAttribute || skip?.(ref)) continue;
    out += writeXmlValue(c, ref, xmlName(name, ref), value[name]);
  }
  return out;
}

function writeXmlAttributes(c: CompiledModel, shape: Shape, value: Record<string, unknown>): string {
  let out = '';
  for (const [name, ref] of memberIndex(shape).list) {
    if (!ref.xmlAttribute || value[name] === undefined || value[name] === null) continue;
    const attrName = xmlName(name, ref);
    if (attrName.startsWith('xsi:')) out += ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    out += ` ${attrName}="${escapeXml(xmlScalar(ref, c.resolve(ref), value[name]))}"`;
  }
  return out;
}

export function xmlScalar(ref: ShapeRef, shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'timestamp':
      return String(formatTimestamp(value, ref.timestampFormat ?? shape.timestampFormat ?? 'iso8601'));
    case 'blob':
      return encodeBase64(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

/** An error's extra fields (AwsError.fields): members of its modelled shape as the model says, others loosely. */
export function writeXmlErrorFields(
  c: CompiledModel | undefined,
  shape: Shape | undefined,
  fields: Record<string, unknown>,
): string {
  const members = shape?.members ?? {};
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    const ref = members[name];
    out += c && ref ? writeXmlValue(c, ref, ref.locationName ?? name, value) : writeXmlLoose(name, value);
  }
  return out;
}

/** Arbitrary extra error fields with no model shape to guide them. */
function writeXmlLoose(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return `<${name}>${value.map((v) => writeXmlLoose('member', v)).join('')}</${name}>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object' && !Buffer.isBuffer(value)) {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => writeXmlLoose(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
