import type { Expr, Node, Reference } from './ast.ts';
import { callMethod } from './methods.ts';

export type Variables = Map<string, unknown>;

/** Renders parsed template nodes against the variables (`$input`, `$context`, … and `#set` ones). */
export function render(nodes: readonly Node[], variables: Variables): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'output': {
        const value = resolve(node.ref, variables);
        out += value === undefined || value === null ? (node.quiet ? '' : node.source) : stringify(value);
        break;
      }
      case 'set':
        assign(node.target, evaluate(node.value, variables), variables);
        break;
      case 'if': {
        const branch = node.branches.find((b) => truthy(evaluate(b.condition, variables)));
        out += render(branch ? branch.body : node.otherwise, variables);
        break;
      }
      case 'foreach': {
        const collection = evaluate(node.items, variables);
        const items = Array.isArray(collection)
          ? collection
          : collection && typeof collection === 'object'
            ? Object.values(collection)
            : [];
        items.forEach((item, index) => {
          variables.set(node.variable, item);
          variables.set('foreach', { index, count: index + 1, hasNext: index < items.length - 1 });
          variables.set('velocityCount', index + 1);
          out += render(node.body, variables);
        });
        break;
      }
    }
  }
  return out;
}

export function evaluate(expr: Expr, variables: Variables): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'list':
      return expr.items.map((item) => evaluate(item, variables));
    case 'ref':
      return resolve(expr, variables);
    case 'not':
      return !truthy(evaluate(expr.operand, variables));
    case 'binary': {
      if (expr.op === '&&')
        return truthy(evaluate(expr.left, variables)) && truthy(evaluate(expr.right, variables));
      if (expr.op === '||')
        return truthy(evaluate(expr.left, variables)) || truthy(evaluate(expr.right, variables));
      return compare(expr.op, evaluate(expr.left, variables), evaluate(expr.right, variables));
    }
  }
}

function resolve(ref: Reference, variables: Variables): unknown {
  let value = variables.get(ref.name);
  for (const segment of ref.chain) {
    if (value === undefined || value === null) return undefined;
    if (segment.kind === 'prop') value = (value as Record<string, unknown>)[segment.name];
    else if (segment.kind === 'index')
      value = (value as Record<string, unknown>)[String(evaluate(segment.index, variables))];
    else
      value = callMethod(
        value,
        segment.name,
        segment.args.map((arg) => evaluate(arg, variables)),
      );
  }
  return value;
}

/** `#set`: a variable, or a member of one (`$context.responseOverride.header.X`). A null value sets nothing. */
function assign(target: Reference, value: unknown, variables: Variables): void {
  if (value === undefined || value === null) return;
  if (target.chain.length === 0) {
    variables.set(target.name, value);
    return;
  }
  const last = target.chain.at(-1)!;
  const owner = resolve({ ...target, chain: target.chain.slice(0, -1) }, variables);
  if (last.kind === 'prop' && owner && typeof owner === 'object')
    (owner as Record<string, unknown>)[last.name] = value;
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

function compare(op: string, left: unknown, right: unknown): boolean {
  if (op === '==' || op === '!=') {
    const equal =
      left === undefined || left === null || right === undefined || right === null
        ? (left ?? null) === (right ?? null)
        : typeof left === 'number' && typeof right === 'number'
          ? left === right
          : String(left) === String(right);
    return op === '==' ? equal : !equal;
  }
  const [a, b] = [Number(left), Number(right)];
  if (op === '<') return a < b;
  if (op === '>') return a > b;
  if (op === '<=') return a <= b;
  return a >= b;
}

/** How Velocity prints a value: lists and maps as Java's toString does. */
export function stringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringify).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => typeof v !== 'function')
      .map(([k, v]) => `${k}=${stringify(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}
