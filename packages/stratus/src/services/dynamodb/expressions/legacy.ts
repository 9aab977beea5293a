/**
 * The legacy (pre-expression) parameters, turned into the same trees expressions compile to:
 * Expected → condition, QueryFilter/ScanFilter → filter, KeyConditions → key condition,
 * AttributesToGet → projection, AttributeUpdates → update actions; with DynamoDB's messages for
 * malformed conditions.
 */
import { type AttributeValue, attributeProblem, compareScalars, typeOf } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import type { Condition, Operand, PathNode, UpdateAction, ValueNode } from './ast.ts';
import type { CompiledExpressions } from './compile.ts';

const INVALID = 'One or more parameter values were invalid: ';

export interface LegacyCondition {
  ComparisonOperator?: string;
  AttributeValueList?: AttributeValue[];
  Value?: AttributeValue;
  Exists?: boolean;
}

const ARITY: Record<string, [number, number]> = {
  EQ: [1, 1],
  NE: [1, 1],
  LE: [1, 1],
  LT: [1, 1],
  GE: [1, 1],
  GT: [1, 1],
  CONTAINS: [1, 1],
  NOT_CONTAINS: [1, 1],
  BEGINS_WITH: [1, 1],
  NULL: [0, 0],
  NOT_NULL: [0, 0],
  IN: [1, Number.POSITIVE_INFINITY],
  BETWEEN: [2, 2],
};

const TYPES: Record<string, string[]> = {
  EQ: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  NE: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  LE: ['S', 'N', 'B'],
  LT: ['S', 'N', 'B'],
  GE: ['S', 'N', 'B'],
  GT: ['S', 'N', 'B'],
  CONTAINS: ['S', 'N', 'B'],
  NOT_CONTAINS: ['S', 'N', 'B'],
  BEGINS_WITH: ['S', 'B'],
  IN: ['S', 'N', 'B'],
  BETWEEN: ['S', 'N', 'B'],
};

const path = (name: string): PathNode => ({
  type: 'path',
  elements: [{ kind: 'attribute', text: name, name, placeholder: false }],
});
const value = (v: AttributeValue, n: number): ValueNode => ({ type: 'value', ref: `:legacy${n}`, value: v });
const call = (name: string, args: Operand[]): Condition => ({
  type: 'function',
  call: { type: 'call', name, args },
});

function checkValues(values: AttributeValue[]): void {
  for (const v of values) {
    const problem = attributeProblem(v);
    if (problem) throw DynamoErrors.validation(problem);
  }
}

function checkOperator(op: string, values: AttributeValue[]): void {
  const arity = ARITY[op];
  if (!arity || values.length < arity[0] || values.length > arity[1]) {
    throw DynamoErrors.validation(`${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  if (values.length === 0) return;
  const type = typeOf(values[0]);
  if (values.some((v) => typeOf(v) !== type)) {
    throw DynamoErrors.validation(`${INVALID}AttributeValues inside AttributeValueList must be of same type`);
  }
  const allowed = TYPES[op];
  const bad = allowed && values.find((v) => !allowed.includes(typeOf(v)));
  if (bad) {
    throw DynamoErrors.validation(
      `${INVALID}ComparisonOperator ${op} is not valid for ${typeOf(bad)} AttributeValue type`,
    );
  }
  if (op === 'BETWEEN' && (compareScalars(values[0], values[1]) ?? 0) > 0) {
    throw DynamoErrors.validation(
      'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound',
    );
  }
}

/** One attribute's comparison as a condition tree. */
function comparison(name: string, op: string, values: AttributeValue[]): Condition {
  const p = path(name);
  const v = values.map((x, i) => value(x, i));
  const compare = (c: '=' | '<>' | '<' | '<=' | '>' | '>='): Condition => ({
    type: 'compare',
    op: c,
    left: p,
    right: v[0],
  });
  switch (op) {
    case 'EQ':
      return compare('=');
    case 'NE':
      return compare('<>');
    case 'LT':
      return compare('<');
    case 'LE':
      return compare('<=');
    case 'GT':
      return compare('>');
    case 'GE':
      return compare('>=');
    case 'NULL':
      return call('attribute_not_exists', [p]);
    case 'NOT_NULL':
      return call('attribute_exists', [p]);
    case 'CONTAINS':
      return call('contains', [p, v[0]]);
    case 'NOT_CONTAINS':
      return { type: 'not', condition: call('contains', [p, v[0]]) };
    case 'BEGINS_WITH':
      return call('begins_with', [p, v[0]]);
    case 'IN':
      return { type: 'in', value: p, list: v };
    default:
      return { type: 'between', value: p, lower: v[0], upper: v[1] };
  }
}

function combine(conditions: Condition[], operator: string | undefined): Condition | undefined {
  if (conditions.length === 0) return undefined;
  const type = operator === 'OR' ? 'or' : 'and';
  return conditions.reduce((left, right) => ({ type, left, right }));
}

/** Expected: Exists/Value pairs or ComparisonOperator conditions, joined by ConditionalOperator. */
function expected(
  conditions: Record<string, LegacyCondition>,
  operator: string | undefined,
): Condition | undefined {
  const out: Condition[] = [];
  for (const [name, c] of Object.entries(conditions)) {
    if (c.AttributeValueList !== undefined && c.Value !== undefined) {
      throw DynamoErrors.validation(
        `${INVALID}Value and AttributeValueList cannot be used together for Attribute: ${name}`,
      );
    }
    if (c.ComparisonOperator !== undefined) {
      if (c.Exists !== undefined) {
        throw DynamoErrors.validation(
          `${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${name}`,
        );
      }
      const op = c.ComparisonOperator;
      const values = c.AttributeValueList ?? (c.Value ? [c.Value] : []);
      if (op !== 'NULL' && op !== 'NOT_NULL' && c.AttributeValueList === undefined && c.Value === undefined) {
        throw DynamoErrors.validation(
          `${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${name}`,
        );
      }
      checkValues(values);
      checkOperator(op, values);
      out.push(comparison(name, op, values));
      continue;
    }
    if (c.AttributeValueList !== undefined) {
      throw DynamoErrors.validation(
        `${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`,
      );
    }
    const exists = c.Exists ?? true;
    if (exists && c.Value === undefined) {
      throw DynamoErrors.validation(
        `${INVALID}Value must be provided when Exists is ${c.Exists === undefined ? 'null' : c.Exists} for Attribute: ${name}`,
      );
    }
    if (!exists && c.Value !== undefined) {
      throw DynamoErrors.validation(
        `${INVALID}Value cannot be used when Exists is false for Attribute: ${name}`,
      );
    }
    if (c.Value !== undefined) checkValues([c.Value]);
    out.push(exists ? comparison(name, 'EQ', [c.Value!]) : call('attribute_not_exists', [path(name)]));
  }
  return combine(out, operator);
}

/** QueryFilter, ScanFilter and KeyConditions: ComparisonOperator conditions. */
function filter(
  conditions: Record<string, LegacyCondition>,
  operator: string | undefined,
): Condition | undefined {
  const out: Condition[] = [];
  for (const [name, c] of Object.entries(conditions)) {
    const values = c.AttributeValueList ?? [];
    checkValues(values);
    checkOperator(c.ComparisonOperator ?? '', values);
    out.push(comparison(name, c.ComparisonOperator!, values));
  }
  return combine(out, operator);
}

function attributeUpdates(
  updates: Record<string, { Action?: string; Value?: AttributeValue }>,
): UpdateAction[] {
  return Object.entries(updates).map(([name, update], i) => {
    const action = update.Action ?? 'PUT';
    if (update.Value !== undefined) checkValues([update.Value]);
    const type = update.Value === undefined ? undefined : Object.keys(update.Value)[0];
    if (type && action === 'DELETE' && !['SS', 'NS', 'BS'].includes(type)) {
      throw DynamoErrors.validation(
        `${INVALID}DELETE action with value is not supported for the type ${type}`,
      );
    }
    if (type && action === 'ADD' && !['L', 'SS', 'NS', 'BS', 'N'].includes(type)) {
      throw DynamoErrors.validation(`${INVALID}ADD action is not supported for the type ${type}`);
    }
    if (action === 'PUT') {
      if (!update.Value) {
        throw DynamoErrors.validation(
          `${INVALID}Only DELETE action is allowed when no attribute value is specified`,
        );
      }
      return { type: 'SET', path: path(name), value: value(update.Value, i) };
    }
    if (action === 'DELETE' && !update.Value) return { type: 'REMOVE', path: path(name) };
    if (action === 'ADD' && !update.Value) {
      throw DynamoErrors.validation(
        `${INVALID}Only DELETE action is allowed when no attribute value is specified`,
      );
    }
    return { type: action === 'ADD' ? 'ADD' : 'DELETE', path: path(name), value: value(update.Value!, i) };
  });
}

const INDEXABLE = new Set(['EQ', 'LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'BETWEEN']);

/** KeyConditions' operators: AWS refuses one that cannot use an index only once it has the table and start key. */
export function checkIndexable(conditions: Record<string, LegacyCondition>): void {
  for (const c of Object.values(conditions)) {
    if (!INDEXABLE.has(c.ComparisonOperator ?? ''))
      throw DynamoErrors.validation('Attempted conditional constraint is not an indexable operation');
  }
}

/** The trees of the legacy parameters a request gives (it gives no expressions: the caller checked). */
export function compileLegacy(input: Record<string, any>): CompiledExpressions {
  const operator = input.ConditionalOperator as string | undefined;
  const compiled: CompiledExpressions = {};
  // AWS checks the updates before the conditions.
  if (input.AttributeUpdates) compiled.update = attributeUpdates(input.AttributeUpdates);
  if (input.Expected) compiled.condition = expected(input.Expected, operator);
  if (input.QueryFilter) compiled.filter = filter(input.QueryFilter, operator);
  if (input.KeyConditions) {
    compiled.keyCondition = filter(input.KeyConditions, 'AND');
  }
  if (input.AttributesToGet) {
    const names = input.AttributesToGet as string[];
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) {
      throw DynamoErrors.validation(`${INVALID}Duplicate value in attribute name: ${duplicate}`);
    }
    compiled.projection = names.map(path);
  }
  // Scan checks AttributesToGet before its filter (Query its filter first).
  if (input.ScanFilter) compiled.filter = filter(input.ScanFilter, operator);
  return compiled;
}
