import type { QueryInput, QueryOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import type { AttributeValue, Item } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { type KeyCondition, keyConditions, resolveKeyConditions } from '../expressions/key-condition.ts';
import { checkIndexable, type LegacyCondition } from '../expressions/legacy.ts';
import { requireTable } from '../items.ts';
import { encodeKeyValue, encodePartitionKey } from '../key-codec.ts';
import {
  checkFilterPaths,
  checkScalarKeys,
  checkSelect,
  checkStartKey,
  readPage,
  readTarget,
  startPosition,
  storedTextPage,
} from '../reads.ts';
import type { DynamoStore, RangeRequest } from '../store.ts';
import { attributeType, keyNames } from '../table.ts';

/** Query: one partition of a table or index, in sort-key order (or reverse), filtered and paged. */
export function query(store: DynamoStore, input: QueryInput, ctx: RequestContext): QueryOutput {
  const params = {
    legacy: ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions'],
    valueExpressions: ['FilterExpression', 'KeyConditionExpression'],
    expressions: ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'],
  };
  // AWS's order: parameter mix, the legacy filter, the start key's values, a key condition at all, then the expressions.
  checkParameterMix(input, params);
  // The legacy filter and AttributesToGet come before the start key (KeyConditions after it).
  const record = input as unknown as Record<string, unknown>;
  if (
    ['AttributesToGet', 'QueryFilter'].some((name) => record[name] !== undefined) &&
    input.ExpressionAttributeNames === undefined &&
    input.ExpressionAttributeValues === undefined
  )
    compileExpressions({ ...input, KeyConditions: undefined } as QueryInput, params);
  const start = input.ExclusiveStartKey ? checkStartKey(input.ExclusiveStartKey) : undefined;
  if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined) {
    throw DynamoErrors.validation(
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
  }
  const compiled = compileExpressions(input, params);
  const legacyKeys = input.KeyConditionExpression === undefined;
  const expressed = legacyKeys ? undefined : keyConditions(compiled.keyCondition!);
  const legacyCount = Object.keys(input.KeyConditions ?? {}).length;
  if (legacyKeys && legacyCount !== 1 && legacyCount !== 2)
    throw DynamoErrors.validation('Conditions can be of length 1 or 2 only');
  const table = requireTable(store, ctx, input.TableName);
  const target = readTarget(table, input);
  const names = keyNames((target.index ?? table).keySchema ?? table.keySchema);
  const typed = (name: string) => ({ name, type: attributeType(table, name) });
  const resolve = (conditions: ReturnType<typeof keyConditions>) =>
    resolveKeyConditions(conditions, typed(names.hash), names.range ? typed(names.range) : undefined);
  let resolved: ReturnType<typeof resolve> | undefined;
  // A condition missing a key element is reported after the start key's hash part, before the rest
  // of it and before the legacy operators.
  const checkConditions = () => {
    if (expressed) {
      resolved = resolve(expressed);
      return;
    }
    const named = Object.keys(input.KeyConditions ?? {});
    const missed = !named.includes(names.hash) ? names.hash : named.length === 2 ? names.range : undefined;
    if (missed !== undefined && !named.includes(missed))
      throw DynamoErrors.validation(`Query condition missed key schema element: ${missed}`);
  };
  const after = startPosition(target, start, undefined, true, checkConditions);
  if (legacyKeys) checkIndexable(input.KeyConditions as Record<string, LegacyCondition>);
  const { partition, sort } = resolved ?? resolve(keyConditions(compiled.keyCondition!));
  if (start) checkStartInBounds(start, names, partition, sort);
  // The filter's key attributes, then Select, then looks inside keys, as AWS orders them.
  checkFilterPaths(target, compiled.filter, input.QueryFilter ? 'QueryFilter' : 'Filter Expression');
  checkSelect(target, input.Select);
  checkScalarKeys(target, compiled.filter);
  const forward = input.ScanIndexForward ?? true;
  const bounds: { -readonly [K in 'lower' | 'upper' | 'prefix']?: RangeRequest[K] } = {};
  if (sort) {
    const [first, second] = sort.values.map(encodeKeyValue);
    if (sort.op === '=')
      Object.assign(bounds, {
        lower: { value: first, inclusive: true },
        upper: { value: first, inclusive: true },
      });
    else if (sort.op === '<') bounds.upper = { value: first, inclusive: false };
    else if (sort.op === '<=') bounds.upper = { value: first, inclusive: true };
    else if (sort.op === '>') bounds.lower = { value: first, inclusive: false };
    else if (sort.op === '>=') bounds.lower = { value: first, inclusive: true };
    else if (sort.op === 'BETWEEN')
      Object.assign(bounds, {
        lower: { value: first, inclusive: true },
        upper: { value: second, inclusive: true },
      });
    else bounds.prefix = first;
  }
  const range: RangeRequest = {
    tableId: table.id,
    indexName: target.index?.name,
    pk: encodePartitionKey(partition),
    ...bounds,
    forward,
    after,
  };
  const stored = storedTextPage(store, ctx, target, compiled, input, range);
  if (stored) return stored;
  const rows = store.items(ctx.region, range);
  return readPage({
    target,
    rows,
    limit: input.Limit,
    filter: compiled.filter,
    projection: compiled.projection,
    select: input.Select,
    consistent: input.ConsistentRead ?? false,
    returnConsumedCapacity: input.ReturnConsumedCapacity,
  });
}

/**
 * An ExclusiveStartKey must lie in the queried range: its sort key matching the sort condition
 * (checked first), its partition the queried one. AWS words a partition mismatch with a sort
 * condition as a query that cannot be restarted.
 */
function checkStartInBounds(
  start: Item,
  names: { hash: string; range?: string },
  partition: AttributeValue,
  sort: KeyCondition | undefined,
): void {
  const range = names.range ? start[names.range] : undefined;
  if (sort && range) {
    const value = encodeKeyValue(range);
    const [first, second] = sort.values.map(encodeKeyValue);
    const order = Buffer.compare(value, first!);
    const matches =
      sort.op === '='
        ? order === 0
        : sort.op === '<'
          ? order < 0
          : sort.op === '<='
            ? order <= 0
            : sort.op === '>'
              ? order > 0
              : sort.op === '>='
                ? order >= 0
                : sort.op === 'BETWEEN'
                  ? order >= 0 && Buffer.compare(value, second!) <= 0
                  : value.subarray(0, first!.length).equals(first!);
    if (!matches)
      throw DynamoErrors.validation('The provided starting key does not match the range key predicate');
    if (sort.op === '=')
      throw DynamoErrors.validation('The query can return at most one row and cannot be restarted');
  }
  const hash = start[names.hash];
  if (hash && !encodeKeyValue(hash).equals(encodeKeyValue(partition))) {
    throw DynamoErrors.validation(
      sort
        ? 'The query can return at most one row and cannot be restarted'
        : 'The provided starting key is outside query boundaries based on provided conditions',
    );
  }
}
