import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  ConsumedCapacity,
} from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, itemSize, storeItem } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import { compileExpressions } from '../expressions/compile.ts';
import { project } from '../expressions/projection.ts';
import { capacity, checkAttributes, requireTable } from '../items.ts';
import { checkKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';

const MAX_KEYS = 100;

/**
 * BatchGetItem: up to 100 keys across tables, each table with its own projection and consistency.
 * Keys are read while the table's provisioned capacity lasts (within the 16 MB response AWS
 * allows); the rest is returned in UnprocessedKeys, and a batch that could read nothing is
 * throttled, as AWS does.
 */
export function batchGetItem(
  store: DynamoStore,
  input: BatchGetItemInput,
  ctx: RequestContext,
): BatchGetItemOutput {
  const total = Object.values(input.RequestItems).reduce((n, request) => n + request.Keys.length, 0);
  if (total > MAX_KEYS) throw DynamoErrors.validation('Too many items requested for the BatchGetItem call');
  // AWS checks every request before it looks any table up.
  const checked = Object.entries(input.RequestItems).map(([tableName, request]) => {
    const { projection } = compileExpressions(request, { legacy: ['AttributesToGet'], valueExpressions: [] });
    const keys = request.Keys.map(checkAttributes);
    const ids = new Set(keys.map((key) => storeItem(Object.fromEntries(Object.entries(key).sort()))));
    if (ids.size !== keys.length)
      throw DynamoErrors.validation('Provided list of item keys contains duplicates');
    return { tableName, request, keys, projection };
  });
  const plans = checked.map(({ tableName, request, keys, projection }) => {
    const table = requireTable(store, ctx, tableName);
    const stored = keys.map((key) => checkKey(table, key));
    const consistent = request.ConsistentRead ?? false;
    return { tableName, request, table, keys: stored, projection, consistent };
  });
  const responses: Record<string, Item[]> = {};
  const consumed: ConsumedCapacity[] = [];
  const unprocessed: BatchGetItemOutput['UnprocessedKeys'] = {};
  let read = 0;
  for (const plan of plans) {
    const items: Item[] = [];
    let units = 0;
    let budget = store.capacityLeft(ctx, plan.table, 'read');
    plan.keys.forEach((key, i) => {
      // A key needs at least its smallest cost: one unit, half when eventually consistent.
      if (budget < (plan.consistent ? 1 : 0.5)) {
        const rest = (unprocessed[plan.tableName] ??= { ...plan.request, Keys: [] });
        rest.Keys.push(plan.request.Keys[i]!);
        return;
      }
      const item = store.getItem(ctx.region, plan.table.id, key);
      const bytes = Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 4096)) * 4096;
      units += bytes;
      budget -= bytes / 4096 / (plan.consistent ? 1 : 2);
      read++;
      if (item) items.push(plan.projection ? project(item, plan.projection) : item);
    });
    responses[plan.tableName] = items;
    const used = capacity(input.ReturnConsumedCapacity, plan.table, 'read', units, plan.consistent);
    if (used) consumed.push(used);
  }
  if (read === 0 && plans.some((plan) => plan.keys.length > 0))
    throw DynamoErrors.provisionedThroughputExceeded();
  return {
    Responses: responses,
    UnprocessedKeys: unprocessed,
    ConsumedCapacity: consumed.length > 0 ? consumed : undefined,
  };
}
