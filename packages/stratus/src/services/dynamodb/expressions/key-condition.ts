/**
 * KeyConditionExpression: reduced to "partition key = v" plus at most one sort-key condition,
 * with DynamoDB's messages for what a key condition may not contain.
 */
import { type AttributeValue, typeOf } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import type { Condition, Operand } from './ast.ts';

export type SortKeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'BEGINS_WITH';

export interface KeyCondition {
  readonly attribute: string;
  readonly op: SortKeyOperator;
  readonly values: AttributeValue[];
}

const FLIPPED: Record<string, SortKeyOperator> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

// AWS states these structural problems without the usual `Invalid KeyConditionExpression: ` prefix.
const invalid = (message: string) => DynamoErrors.validation(message);

/** The conditions of a checked key-condition expression, by attribute name. */
export function keyConditions(condition: Condition): Map<string, KeyCondition> {
  const out = new Map<string, KeyCondition>();
  collect(condition, out);
  if (out.size !== 1 && out.size !== 2)
    throw DynamoErrors.validation('Conditions can be of length 1 or 2 only');
  return out;
}

function collect(condition: Condition, out: Map<string, KeyCondition>): void {
  switch (condition.type) {
    case 'and':
      collect(condition.left, out);
      collect(condition.right, out);
      return;
    case 'or':
    case 'not':
    case 'in':
      throw invalid(`Invalid operator used in KeyConditionExpression: ${condition.type.toUpperCase()}`);
    case 'function': {
      const { name, args } = condition.call;
      if (name === 'size') throw invalid('KeyConditionExpressions cannot contain nested operations');
      if (name !== 'begins_with') throw invalid(`Invalid operator used in KeyConditionExpression: ${name}`);
      if (args[0].type !== 'path') {
        throw invalid(
          `Invalid condition in KeyConditionExpression: ${name} operator must have the key attribute as its first operand`,
        );
      }
      add(out, 'BEGINS_WITH', args);
      return;
    }
    case 'between':
      if (condition.value.type !== 'path') {
        throw invalid(
          'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand',
        );
      }
      add(out, 'BETWEEN', [condition.value, condition.lower, condition.upper]);
      return;
    case 'compare': {
      if (condition.op === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
      const flip = condition.left.type !== 'path' && condition.right.type === 'path';
      const args = flip ? [condition.right, condition.left] : [condition.left, condition.right];
      add(out, flip ? FLIPPED[condition.op] : (condition.op as SortKeyOperator), args);
      return;
    }
  }
}

function add(out: Map<string, KeyCondition>, op: SortKeyOperator, args: Operand[]): void {
  const paths = args.filter((a) => a.type === 'path');
  // AWS's order: a nested first operand, then several names, then functions.
  const first = args[0];
  if (first?.type === 'path' && first.elements.length > 1)
    throw invalid('KeyConditionExpressions cannot have conditions on nested attributes');
  if (paths.length > 1)
    throw invalid(
      'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition',
    );
  for (const arg of args) {
    if (arg.type === 'call') throw invalid('KeyConditionExpressions cannot contain nested operations');
  }
  const path = paths[0];
  if (!path || args[0] !== path)
    throw invalid('Invalid condition in KeyConditionExpression: No key attribute specified');
  if (path.elements.length > 1)
    throw invalid('KeyConditionExpressions cannot have conditions on nested attributes');
  const attribute = (path.elements[0] as { name: string }).name;
  if (out.has(attribute)) throw invalid('KeyConditionExpressions must only contain one condition per key');
  const values = args.slice(1).map((a) => (a.type === 'value' ? a.value! : ({} as AttributeValue)));
  out.set(attribute, { attribute, op, values });
}

/** Checks the conditions against the (table or index) key and returns the partition value and sort condition. */
export function resolveKeyConditions(
  conditions: Map<string, KeyCondition>,
  hash: { name: string; type: string },
  range: { name: string; type: string } | undefined,
): { partition: AttributeValue; sort?: KeyCondition } {
  if (!range && conditions.size > 1) throw DynamoErrors.validation('Query key condition not supported');
  for (const name of conditions.keys()) {
    if (name !== hash.name && name !== range?.name) {
      throw DynamoErrors.validation(
        `Query condition missed key schema element: ${conditions.has(hash.name) ? (range?.name ?? hash.name) : hash.name}`,
      );
    }
  }
  const partition = conditions.get(hash.name);
  if (!partition) throw DynamoErrors.validation(`Query condition missed key schema element: ${hash.name}`);
  const sort = range ? conditions.get(range.name) : undefined;
  for (const [condition, type] of [
    [partition, hash.type],
    [sort, range?.type],
  ] as const) {
    if (!condition) continue;
    if (condition.values.some((v) => typeOf(v) !== type)) {
      throw DynamoErrors.validation(
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
      );
    }
  }
  if (partition.op !== '=') throw DynamoErrors.validation('Query key condition not supported');
  if (sort?.op === 'BEGINS_WITH' && range?.type === 'N')
    throw DynamoErrors.validation('Query key condition not supported');
  return { partition: partition.values[0], sort };
}
