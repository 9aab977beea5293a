/** ProjectionExpression: the parts of an item a read returns. */
import type { AttributeValue, Item } from '../attribute-value.ts';
import type { PathNode } from './ast.ts';
import { valueAt } from './evaluate.ts';

/**
 * A new item holding only the projected paths. Nested paths keep their enclosing maps; list
 * elements picked by index come back as a shorter list in index order, as DynamoDB answers.
 */
export function project(item: Item, paths: readonly PathNode[]): Item {
  const out: Item = {};
  for (const path of paths) {
    const value = valueAt(item, path);
    if (value === undefined) continue;
    place(out, path, 0, value);
  }
  return out;
}

function place(target: Item, path: PathNode, depth: number, value: AttributeValue): void {
  const element = path.elements[depth] as { name: string };
  if (depth === path.elements.length - 1) {
    target[element.name] = value;
    return;
  }
  const next = path.elements[depth + 1];
  const holder = (target[element.name] ??= next.kind === 'index' ? { L: [] } : { M: {} });
  placeInside(holder, path, depth + 1, value);
}

function placeInside(holder: AttributeValue, path: PathNode, depth: number, value: AttributeValue): void {
  const element = path.elements[depth];
  const last = depth === path.elements.length - 1;
  if (element.kind === 'attribute') {
    if (!holder.M) return;
    if (last) holder.M[element.name] = value;
    else {
      const next = path.elements[depth + 1];
      const child = (holder.M[element.name] ??= next.kind === 'index' ? { L: [] } : { M: {} });
      placeInside(child, path, depth + 1, value);
    }
    return;
  }
  if (!holder.L) return;
  // Remember the source index so list elements stay in index order.
  const slots = holder.L as (AttributeValue & { $index?: number })[];
  let slot = slots.find((s) => s.$index === element.index);
  if (!slot) {
    const next = path.elements[depth + 1];
    slot = last ? { ...value } : next?.kind === 'index' ? { L: [] } : { M: {} };
    Object.defineProperty(slot, '$index', { value: element.index, enumerable: false });
    slots.push(slot);
    slots.sort((a, b) => (a.$index ?? 0) - (b.$index ?? 0));
    if (last) return;
  }
  if (!last) placeInside(slot, path, depth + 1, value);
}
