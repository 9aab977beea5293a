/**
 * The checks AWS runs on a parsed expression after its syntax: placeholders defined, names not
 * reserved, functions known and used where they may be, operand types. When several problems
 * exist AWS reports one, by kind in this order.
 */
import { type AttributeValue, compareScalars, typeOf } from '../attribute-value.ts';
import type { CallNode, Condition, Operand, PathNode, UpdateAction } from './ast.ts';
import { pathText } from './ast.ts';
import { isReserved } from './reserved-words.ts';

const ORDER = [
  'parens',
  'unknownFunction',
  'misusedFunction',
  'reserved',
  'section',
  'actionType',
  'name',
  'placeholder',
  'operands',
  'distinct',
  'function',
  'overlap',
  'conflict',
  'updateOperands',
] as const;
type Kind = (typeof ORDER)[number];

export interface Placeholders {
  readonly names: Record<string, string> | undefined;
  readonly values: Record<string, AttributeValue> | undefined;
  readonly usedNames: Set<string>;
  readonly usedValues: Set<string>;
}

/** Function name → number of operands; true when it is a condition (returns a boolean). */
const CONDITION_FUNCTIONS: Record<string, { arity: number; condition: boolean }> = {
  attribute_exists: { arity: 1, condition: true },
  attribute_not_exists: { arity: 1, condition: true },
  attribute_type: { arity: 2, condition: true },
  begins_with: { arity: 2, condition: true },
  contains: { arity: 2, condition: true },
  size: { arity: 1, condition: false },
};
const UPDATE_FUNCTIONS: Record<string, { arity: number; condition: boolean }> = {
  if_not_exists: { arity: 2, condition: false },
  list_append: { arity: 2, condition: false },
};
const TYPE_NAMES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];
const LONG_TYPE: Record<string, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  M: 'MAP',
  L: 'LIST',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
};

export class Checker {
  readonly #problems = new Map<Kind, string>();
  readonly #placeholders: Placeholders;

  constructor(placeholders: Placeholders) {
    this.#placeholders = placeholders;
  }

  /** The problem AWS would report, if any. */
  first(): string | undefined {
    for (const kind of ORDER) {
      const problem = this.#problems.get(kind);
      if (problem) return problem;
    }
    return undefined;
  }

  add(kind: Kind, message: string): void {
    // Undefined names and values, operand counts, distinct operands and function operands are one
    // pass in AWS: the first met, left to right, is reported (before overlapping paths; an update
    // function's operands after them).
    const slot = ['name', 'placeholder', 'distinct', 'function'].includes(kind) ? 'operands' : kind;
    if (!this.#problems.has(slot)) this.#problems.set(slot, message);
  }

  condition(condition: Condition): void {
    switch (condition.type) {
      case 'and':
      case 'or':
        this.condition(condition.left);
        this.condition(condition.right);
        return;
      case 'not':
        this.condition(condition.condition);
        return;
      case 'function': {
        const spec = CONDITION_FUNCTIONS[condition.call.name];
        if (spec && !spec.condition) this.#misused(condition.call.name);
        this.#call(condition.call, CONDITION_FUNCTIONS);
        return;
      }
      case 'compare':
        this.#conditionOperand(condition.left);
        this.#conditionOperand(condition.right);
        this.#distinct(condition.op, condition.left, [condition.right]);
        return;
      case 'in':
        this.#conditionOperand(condition.value);
        for (const item of condition.list) this.#conditionOperand(item);
        this.#distinct('IN', condition.value, condition.list);
        return;
      case 'between': {
        this.#conditionOperand(condition.value);
        this.#conditionOperand(condition.lower);
        this.#conditionOperand(condition.upper);
        this.#distinct('BETWEEN', condition.value, [condition.lower, condition.upper]);
        this.#betweenBounds(condition.lower, condition.upper);
      }
    }
  }

  projection(paths: readonly PathNode[]): void {
    for (const path of paths) this.path(path);
    this.#overlaps(paths);
  }

  update(actions: readonly UpdateAction[]): void {
    for (const action of actions) {
      this.path(action.path);
      if (action.type === 'SET') this.#updateOperand(action.value);
      if (action.type === 'ADD' || action.type === 'DELETE') {
        const value = this.#value(action.value);
        if (value) {
          const type = typeOf(value);
          const allowed = action.type === 'ADD' ? ['N', 'SS', 'NS', 'BS'] : ['SS', 'NS', 'BS'];
          if (!allowed.includes(type)) {
            this.add(
              'actionType',
              `Incorrect operand type for operator or function; operator: ${action.type}, operand type: ${LONG_TYPE[type]}`,
            );
          }
        }
      }
    }
    this.#overlaps(actions.map((a) => a.path));
  }

  path(path: PathNode): void {
    for (const element of path.elements) {
      if (element.kind !== 'attribute') continue;
      if (!element.placeholder) {
        if (isReserved(element.text)) {
          this.add('reserved', `Attribute name is a reserved keyword; reserved keyword: ${element.text}`);
        }
        continue;
      }
      const name = this.#placeholders.names?.[element.text];
      if (name === undefined) {
        this.add(
          'name',
          `An expression attribute name used in the document path is not defined; attribute name: ${element.text}`,
        );
        continue;
      }
      this.#placeholders.usedNames.add(element.text);
      element.name = name;
    }
  }

  #value(node: { ref: string; value?: AttributeValue }): AttributeValue | undefined {
    const value = this.#placeholders.values?.[node.ref];
    if (value === undefined) {
      this.add(
        'placeholder',
        `An expression attribute value used in expression is not defined; attribute value: ${node.ref}`,
      );
      return undefined;
    }
    this.#placeholders.usedValues.add(node.ref);
    node.value = value;
    return value;
  }

  #conditionOperand(operand: Operand): void {
    if (operand.type === 'call') {
      const spec = CONDITION_FUNCTIONS[operand.name];
      if (spec?.condition) this.#misused(operand.name);
      this.#call(operand, CONDITION_FUNCTIONS);
    } else this.#operand(operand, CONDITION_FUNCTIONS);
  }

  #updateOperand(operand: Operand): void {
    if (operand.type === 'arithmetic') {
      for (const side of [operand.left, operand.right]) {
        this.#updateOperand(side);
        const literal = side.type === 'value' ? side.value : undefined;
        if (literal && typeOf(literal) !== 'N') this.#operandType(operand.op, literal);
      }
      return;
    }
    this.#operand(operand, UPDATE_FUNCTIONS);
  }

  #operand(operand: Operand, functions: typeof CONDITION_FUNCTIONS): void {
    if (operand.type === 'path') this.path(operand);
    else if (operand.type === 'value') this.#value(operand);
    else if (operand.type === 'call') this.#call(operand, functions);
    else this.#updateOperand(operand);
  }

  #call(call: CallNode, functions: typeof CONDITION_FUNCTIONS): void {
    const spec = functions[call.name];
    if (!spec) {
      this.add('unknownFunction', `Invalid function name; function: ${call.name}`);
      return;
    }
    const inUpdate = functions === UPDATE_FUNCTIONS;
    for (const arg of call.args) {
      if (inUpdate) this.#updateOperand(arg);
      else if (arg.type === 'call' && arg.name !== 'size') this.#misused(arg.name);
      else this.#conditionOperand(arg);
    }
    if (call.args.length !== spec.arity) {
      this.add(
        inUpdate ? 'updateOperands' : 'operands',
        `Incorrect number of operands for operator or function; operator or function: ${call.name}, number of operands: ${call.args.length}`,
      );
      return;
    }
    const [first, second] = call.args;
    const literal = (arg: Operand) => (arg.type === 'value' ? arg.value : undefined);
    if (['attribute_type', 'begins_with', 'contains'].includes(call.name))
      this.#distinct(call.name, first!, [second!]);
    switch (call.name) {
      case 'attribute_exists':
      case 'attribute_not_exists':
      case 'attribute_type':
      case 'if_not_exists':
        if (first.type !== 'path') {
          this.add(
            inUpdate ? 'updateOperands' : 'function',
            `Operator or function requires a document path; operator or function: ${call.name}`,
          );
        }
        if (call.name === 'attribute_type') this.#typeName(second);
        return;
      case 'begins_with':
        for (const arg of call.args) {
          if (arg.type === 'call' && arg.name === 'size') this.#operandType(call.name, { N: '0' });
          const value = literal(arg);
          if (value && !['S', 'B'].includes(typeOf(value))) this.#operandType(call.name, value);
        }
        return;
      case 'size': {
        if (first.type === 'call' && first.name === 'size') this.#operandType(call.name, { N: '0' });
        const value = literal(first);
        if (value && ['N', 'BOOL', 'NULL'].includes(typeOf(value))) this.#operandType(call.name, value);
        return;
      }
      case 'list_append':
        for (const arg of call.args) {
          const value = literal(arg);
          if (value && typeOf(value) !== 'L') this.#operandType(call.name, value, 'updateOperands');
        }
    }
  }

  #typeName(arg: Operand): void {
    if (arg.type === 'call' && arg.name === 'size') this.#operandType('attribute_type', { N: '0' });
    // A path's type is unknown until evaluation: AWS names every type it could have (a Java set,
    // printed in no fixed order; this is the order recorded against AWS).
    if (arg.type === 'path')
      this.add(
        'function',
        'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}',
      );
    const value = arg.type === 'value' ? arg.value : undefined;
    if (!value) return;
    if (typeOf(value) !== 'S') {
      this.#operandType('attribute_type', value);
      return;
    }
    if (!TYPE_NAMES.includes(value.S!)) {
      this.add(
        'function',
        `Invalid attribute type name found; type: ${value.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
      );
    }
  }

  #operandType(name: string, value: AttributeValue, kind: Kind = 'function'): void {
    this.add(
      kind,
      `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${typeOf(value)}`,
    );
  }

  #misused(name: string): void {
    this.add(
      'misusedFunction',
      `The function is not allowed to be used this way in an expression; function: ${name}`,
    );
  }

  #distinct(operator: string, first: Operand, rest: readonly Operand[]): void {
    if (first.type !== 'path') return;
    const text = pathText(first);
    if (rest.some((r) => r.type === 'path' && pathText(r) === text)) {
      this.add(
        'distinct',
        `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${text}`,
      );
    }
  }

  #betweenBounds(lower: Operand, upper: Operand): void {
    if (lower.type !== 'value' || upper.type !== 'value' || !lower.value || !upper.value) return;
    const show = (v: AttributeValue) => `AttributeValue: {${typeOf(v)}:${String(Object.values(v)[0])}}`;
    const bounds = `lower bound operand: ${show(lower.value)}, upper bound operand: ${show(upper.value)}`;
    const order = compareScalars(lower.value, upper.value);
    if (typeOf(lower.value) !== typeOf(upper.value)) {
      this.add(
        'function',
        `The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`,
      );
    } else if (order !== undefined && order > 0) {
      this.add(
        'function',
        `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
      );
    }
  }

  /** Two paths of one update or projection may not overlap (one a prefix of the other) or conflict. */
  #overlaps(paths: readonly PathNode[]): void {
    for (let i = 0; i < paths.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = paths[j].elements;
        const b = paths[i].elements;
        const common = Math.min(a.length, b.length);
        let k = 0;
        while (k < common && sameElement(a[k], b[k])) k++;
        const message = (kind: string) =>
          `Two document paths ${kind} with each other; must remove or rewrite one of these paths; path one: ${pathText(paths[j])}, path two: ${pathText(paths[i])}`;
        if (k === common) this.add('overlap', message('overlap'));
        else if (a[k].kind !== b[k].kind) this.add('conflict', message('conflict'));
      }
    }
  }
}

function sameElement(a: PathNode['elements'][number], b: PathNode['elements'][number]): boolean {
  if (a.kind === 'index' && b.kind === 'index') return a.index === b.index;
  if (a.kind === 'attribute' && b.kind === 'attribute') return a.name === b.name;
  return false;
}
