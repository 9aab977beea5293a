/** Applies a checked UpdateExpression to an item, as DynamoDB does. */
import { type AttributeValue, cloneItem, type Item, setKeys, typeOf } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import { addNumbers, decimalProblem, normalizeNumber } from '../number.ts';
import type { Operand, PathNode, UpdateAction } from './ast.ts';
import { valueAt } from './evaluate.ts';

export const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';

/** The updated copy of `item` (an empty item when there was none). Operands read the original. */
export function applyUpdate(actions: readonly UpdateAction[], original: Item | undefined): Item {
  const item = original ? cloneItem(original) : {};
  // Every operand is evaluated against the item as it was before this update.
  const planned = actions.map((action) =>
    action.type === 'SET'
      ? { action, value: setValue(action.value, original) }
      : { action, value: undefined },
  );
  const removals: PathNode[] = [];
  for (const { action, value } of inListOrder(planned)) {
    if (action.type === 'SET') assign(item, action.path, value!);
    else if (action.type === 'REMOVE') removals.push(action.path);
    else if (action.type === 'ADD') add(item, action.path, action.value.value!);
    else remove(item, action.path, action.value.value!);
  }
  // List elements go highest index first, so the indexes named refer to the original positions.
  removals.sort((a, b) => lastIndex(b) - lastIndex(a));
  for (const path of removals) removeAt(item, path);
  return item;
}

/**
 * AWS applies the actions on the elements of one list by ascending index, whatever their order in the
 * expression: several writes past the end append in index order (`SET c[4] = :x, c[2] = :y` on a
 * two-element list appends y, then x). The actions on one list keep the positions they held among the
 * others; nothing else moves (operands read the original item, so only a shared list is order-sensitive).
 */
function inListOrder<T extends { action: UpdateAction }>(planned: T[]): T[] {
  let groups: Map<string, number[]> | undefined;
  for (const [position, { action }] of planned.entries()) {
    if (action.type === 'REMOVE' || action.path.elements.at(-1)!.kind !== 'index') continue;
    groups ??= new Map();
    const list = listKey(action.path);
    const members = groups.get(list);
    if (members) members.push(position);
    else groups.set(list, [position]);
  }
  if (!groups) return planned;
  const ordered = [...planned];
  for (const positions of groups.values()) {
    if (positions.length < 2) continue;
    const byIndex = positions
      .map((p) => planned[p])
      .sort((a, b) => lastIndex(a.action.path) - lastIndex(b.action.path));
    for (const [i, p] of positions.entries()) ordered[p] = byIndex[i];
  }
  return ordered;
}

/**
 * The path of the list holding a path's last element, as text (`.c`, `.m.l[2]`). Names holding `.` or `[`
 * may share a text with another list's: harmless, as sorting two lists' actions together still orders each.
 */
function listKey(path: PathNode): string {
  let key = '';
  for (const element of path.elements.slice(0, -1))
    key += element.kind === 'index' ? `[${element.index}]` : `.${element.name}`;
  return key;
}

function lastIndex(path: PathNode): number {
  const last = path.elements.at(-1)!;
  return last.kind === 'index' ? last.index : -1;
}

function setValue(operand: Operand, item: Item | undefined): AttributeValue {
  switch (operand.type) {
    case 'value':
      return operand.value!;
    case 'path': {
      const value = valueAt(item, operand);
      if (!value)
        throw DynamoErrors.validation(
          'The provided expression refers to an attribute that does not exist in the item',
        );
      return value;
    }
    case 'arithmetic': {
      const left = setValue(operand.left, item);
      const right = setValue(operand.right, item);
      if (left.N === undefined || right.N === undefined) throw DynamoErrors.validation(WRONG_TYPE);
      return checkedNumber(addNumbers(left.N, right.N, operand.op === '-'));
    }
    case 'call': {
      if (operand.name === 'if_not_exists') {
        const existing = valueAt(item, operand.args[0] as PathNode);
        return existing ?? setValue(operand.args[1], item);
      }
      const first = setValue(operand.args[0], item);
      const second = setValue(operand.args[1], item);
      if (!first.L || !second.L) throw DynamoErrors.validation(WRONG_TYPE);
      return { L: [...first.L, ...second.L] };
    }
  }
}

function checkedNumber(text: string): AttributeValue {
  const problem = decimalProblem(text);
  if (problem) throw DynamoErrors.validation(problem);
  return { N: text };
}

/** The map or list holding the path's last element; throws when the path cannot be written. */
function parentOf(item: Item, path: PathNode): AttributeValue | Item {
  let current: AttributeValue | Item = item;
  for (const [i, element] of path.elements.slice(0, -1).entries()) {
    let next: AttributeValue | undefined;
    if (i === 0) next = (current as Item)[(element as { name: string }).name];
    else if (element.kind === 'attribute') next = (current as AttributeValue).M?.[element.name];
    else next = (current as AttributeValue).L?.[element.index];
    if (!next) throw DynamoErrors.validation(INVALID_PATH);
    current = next;
  }
  return current;
}

function assign(item: Item, path: PathNode, value: AttributeValue): void {
  const parent = parentOf(item, path);
  const last = path.elements.at(-1)!;
  if (path.elements.length === 1) {
    (parent as Item)[(last as { name: string }).name] = value;
    return;
  }
  const container = parent as AttributeValue;
  if (last.kind === 'attribute') {
    if (!container.M) throw DynamoErrors.validation(INVALID_PATH);
    container.M[last.name] = value;
  } else {
    if (!container.L) throw DynamoErrors.validation(INVALID_PATH);
    if (last.index >= container.L.length) container.L.push(value);
    else container.L[last.index] = value;
  }
}

/**
 * The container a path's last element lives in: its parent must exist and be a map (for a name)
 * or a list (for an index), else the path is invalid for update (REMOVE and DELETE as SET).
 */
function containerOf(item: Item, path: PathNode): AttributeValue | Item {
  const parent = parentOf(item, path);
  const last = path.elements.at(-1)!;
  if (path.elements.length === 1) return parent;
  const container = parent as AttributeValue;
  if (last.kind === 'attribute' ? !container.M : !container.L) throw DynamoErrors.validation(INVALID_PATH);
  return container;
}

function removeAt(item: Item, path: PathNode): void {
  const parent = containerOf(item, path);
  const last = path.elements.at(-1)!;
  if (path.elements.length === 1) {
    delete (parent as Item)[(last as { name: string }).name];
    return;
  }
  const container = parent as AttributeValue;
  if (last.kind === 'attribute') delete container.M![last.name];
  else if (last.index < container.L!.length) container.L!.splice(last.index, 1);
}

function add(item: Item, path: PathNode, value: AttributeValue): void {
  const existing = valueAt(item, path);
  if (!existing) {
    assign(item, path, value);
    return;
  }
  const type = typeOf(value);
  if (type === 'N') {
    if (existing.N === undefined) throw DynamoErrors.validation(WRONG_TYPE);
    assign(item, path, checkedNumber(addNumbers(existing.N, value.N!)));
    return;
  }
  if (typeOf(existing) !== type) throw DynamoErrors.validation(WRONG_TYPE);
  assign(item, path, mergeSets(existing, value, false));
}

function remove(item: Item, path: PathNode, value: AttributeValue): void {
  containerOf(item, path);
  const existing = valueAt(item, path);
  if (!existing) return;
  if (typeOf(existing) !== typeOf(value)) throw DynamoErrors.validation(WRONG_TYPE);
  const result = mergeSets(existing, value, true);
  if (setKeys(result).size === 0) removeAt(item, path);
  else assign(item, path, result);
}

/** Union (or difference) of two sets of one type, keeping the first set's order. */
function mergeSets(a: AttributeValue, b: AttributeValue, subtract: boolean): AttributeValue {
  const type = typeOf(a) as 'SS' | 'NS' | 'BS';
  const members = (v: AttributeValue) =>
    (v[type] as (string | Buffer)[]).map((m) => ({ m, key: memberKey(type, m) }));
  const other = new Set(members(b).map((x) => x.key));
  const kept = members(a).filter((x) => (subtract ? !other.has(x.key) : true));
  if (!subtract) {
    const seen = new Set(kept.map((x) => x.key));
    for (const x of members(b)) if (!seen.has(x.key)) kept.push(x);
  }
  return { [type]: kept.map((x) => x.m) } as AttributeValue;
}

function memberKey(type: 'SS' | 'NS' | 'BS', member: string | Buffer): string {
  if (type === 'BS') return (member as Buffer).toString('base64');
  return type === 'NS' ? normalizeNumber(member as string) : (member as string);
}
