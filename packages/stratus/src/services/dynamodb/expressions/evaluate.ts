/** Evaluates checked condition expressions and operands against an item. */
import {
  type AttributeValue,
  compareScalars,
  type Item,
  setKeys,
  typeOf,
  valuesEqual,
} from '../attribute-value.ts';
import type { Condition, Operand, PathNode } from './ast.ts';

/** The value at a document path, or undefined when the item has none there. */
export function valueAt(item: Item | undefined, path: PathNode): AttributeValue | undefined {
  if (!item) return undefined;
  let current: AttributeValue | undefined;
  for (const [i, element] of path.elements.entries()) {
    if (i === 0) {
      if (element.kind !== 'attribute') return undefined;
      current = item[element.name];
    } else if (element.kind === 'attribute') {
      current = current?.M?.[element.name];
    } else {
      current = current?.L?.[element.index];
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** An operand's value: a path's, a placeholder's or `size(…)`'s (undefined when it has none). */
export function operandValue(operand: Operand, item: Item | undefined): AttributeValue | undefined {
  switch (operand.type) {
    case 'path':
      return valueAt(item, operand);
    case 'value':
      return operand.value;
    case 'call': {
      if (operand.name !== 'size') return undefined;
      const value = operandValue(operand.args[0], item);
      const size = value ? sizeOf(value) : undefined;
      return size === undefined ? undefined : { N: String(size) };
    }
    default:
      return undefined;
  }
}

function sizeOf(value: AttributeValue): number | undefined {
  switch (typeOf(value)) {
    case 'S':
      // A string's size is its length in characters (UTF-16 units, as Java counts), not its bytes.
      return value.S!.length;
    case 'B':
      return value.B!.length;
    case 'SS':
    case 'NS':
    case 'BS':
      return setKeys(value).size;
    case 'L':
      return value.L!.length;
    case 'M':
      return Object.keys(value.M!).length;
    default:
      return undefined;
  }
}

export function matches(condition: Condition, item: Item | undefined): boolean {
  switch (condition.type) {
    case 'and':
      return matches(condition.left, item) && matches(condition.right, item);
    case 'or':
      return matches(condition.left, item) || matches(condition.right, item);
    case 'not':
      return !matches(condition.condition, item);
    case 'compare': {
      const left = operandValue(condition.left, item);
      const right = operandValue(condition.right, item);
      if (condition.op === '<>') return !left || !right || !valuesEqual(left, right);
      if (!left || !right) return false;
      if (condition.op === '=') return valuesEqual(left, right);
      const order = compareScalars(left, right);
      if (order === undefined) return false;
      if (condition.op === '<') return order < 0;
      if (condition.op === '<=') return order <= 0;
      if (condition.op === '>') return order > 0;
      return order >= 0;
    }
    case 'between': {
      const value = operandValue(condition.value, item);
      const lower = operandValue(condition.lower, item);
      const upper = operandValue(condition.upper, item);
      if (!value || !lower || !upper) return false;
      const low = compareScalars(value, lower);
      const high = compareScalars(value, upper);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'in': {
      const value = operandValue(condition.value, item);
      if (!value) return false;
      return condition.list.some((entry) => {
        const candidate = operandValue(entry, item);
        return candidate !== undefined && valuesEqual(value, candidate);
      });
    }
    case 'function':
      return callMatches(condition.call.name, condition.call.args, item);
  }
}

function callMatches(name: string, args: Operand[], item: Item | undefined): boolean {
  const first = operandValue(args[0], item);
  switch (name) {
    case 'attribute_exists':
      return first !== undefined;
    case 'attribute_not_exists':
      return first === undefined;
    case 'attribute_type': {
      const type = operandValue(args[1], item);
      return first !== undefined && type?.S === typeOf(first);
    }
    case 'begins_with': {
      const prefix = operandValue(args[1], item);
      if (!first || !prefix) return false;
      if (first.S !== undefined && prefix.S !== undefined) return first.S.startsWith(prefix.S);
      if (first.B && prefix.B) return first.B.subarray(0, prefix.B.length).equals(prefix.B);
      return false;
    }
    case 'contains':
      return contains(first, operandValue(args[1], item));
    default:
      return false;
  }
}

function contains(container: AttributeValue | undefined, member: AttributeValue | undefined): boolean {
  if (!container || !member) return false;
  switch (typeOf(container)) {
    case 'S':
      return member.S !== undefined && container.S!.includes(member.S);
    case 'B':
      return member.B !== undefined && container.B!.includes(member.B);
    case 'SS':
      return member.S !== undefined && container.SS!.includes(member.S);
    case 'NS':
    case 'BS': {
      const type = typeOf(member);
      if ((typeOf(container) === 'NS' && type !== 'N') || (typeOf(container) === 'BS' && type !== 'B'))
        return false;
      const key = type === 'N' ? setKeys({ NS: [member.N!] }) : setKeys({ BS: [member.B!] });
      return setKeys(container).has([...key][0]);
    }
    case 'L':
      return container.L!.some((entry) => valuesEqual(entry, member));
    default:
      return false;
  }
}
