/**
 * Query protocol parameters (`Tags.member.1.Key=a`, `Attributes.entry.1.key=…`) read into
 * the model's shapes. The flat names are first folded into a tree by their dots.
 */
import { type CompiledModel, memberIndex } from './compiled.ts';
import { malformedError } from './conventions.ts';
import type { Shape, ShapeRef } from './model.ts';
import { parseScalarText, setEntry } from './values.ts';

export interface ParamNode {
  value?: string;
  children?: Map<string, ParamNode>;
}

export function paramTree(params: Iterable<[string, string]>): ParamNode {
  const root: ParamNode = {};
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = {}));
      node = next;
    }
    node.value ??= value;
  }
  return root;
}

/** Deeper parameter names than this are refused. */
const MAX_DEPTH = 32;

export function readQueryStructure(
  c: CompiledModel,
  shape: Shape,
  node: ParamNode,
  depth = 0,
): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw malformedError(c, 'Parameters are nested too deeply');
  const out: Record<string, unknown> = {};
  for (const [name, ref] of memberIndex(shape).list) {
    const target = c.resolve(ref);
    const flattenedName =
      target.type === 'list' && (ref.flattened || target.flattened) ? target.member?.locationName : undefined;
    const child = node.children?.get(flattenedName ?? ref.locationName ?? name);
    if (!child) continue;
    const value = readQueryValue(c, ref, name, child, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readQueryValue(
  c: CompiledModel,
  ref: ShapeRef,
  path: string,
  node: ParamNode,
  depth: number,
): unknown {
  const shape = c.resolve(ref);
  switch (shape.type) {
    case 'structure':
      return readQueryStructure(c, shape, node, depth);
    case 'list': {
      const flattened = ref.flattened || shape.flattened;
      const container = flattened ? node : node.children?.get(shape.member?.locationName ?? 'member');
      return numbered(container).map((item) => readQueryValue(c, shape.member!, path, item, depth + 1));
    }
    case 'map': {
      const flattened = ref.flattened || shape.flattened;
      const keyName = shape.key?.locationName ?? 'key';
      const valueName = shape.value?.locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (const entry of numbered(flattened ? node : node.children?.get('entry'))) {
        const key = entry.children?.get(keyName)?.value;
        const value = entry.children?.get(valueName);
        if (key !== undefined)
          setEntry(out, key, value ? readQueryValue(c, shape.value!, path, value, depth + 1) : undefined);
      }
      return out;
    }
    default:
      return readQueryScalar(c, shape, path, node.value ?? '');
  }
}

/** The `1`, `2`, … children in numeric order. */
function numbered(node: ParamNode | undefined): ParamNode[] {
  if (!node?.children) return [];
  return [...node.children.entries()]
    .filter(([key]) => /^\d+$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}

function readQueryScalar(c: CompiledModel, shape: Shape, path: string, text: string): unknown {
  const value = parseScalarText(shape.type, text, false);
  if (value === undefined) throw malformedError(c, `Invalid value '${text}' for parameter ${path}`);
  return value;
}
