/** What the item operations share: the table lookup, item checks and ConsumedCapacity. */
import type { ConsumedCapacity, ReturnConsumedCapacity } from '../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../service.ts';
import { attributeProblem, type Item, itemSize, normalizeItem } from './attribute-value.ts';
import { DynamoErrors } from './errors.ts';
import type { DynamoStore } from './store.ts';
import type { TableRecord } from './table.ts';

export const MAX_ITEM_BYTES = 400 * 1024;

/** The table a data-plane call names; AWS answers a missing one without naming it. */
export function requireTable(store: DynamoStore, ctx: RequestContext, name: string): TableRecord {
  const table = store.getTable(ctx.accountId, ctx.region, name);
  if (!table || table.status === 'DELETING') throw DynamoErrors.resourceNotFound();
  return table;
}

/** Checks every attribute value of an item (or key) and returns it with numbers normalized. */
export function checkAttributes(item: Item): Item {
  for (const value of Object.values(item)) {
    const problem = attributeProblem(value);
    if (problem) throw DynamoErrors.validation(problem);
  }
  return normalizeItem(item);
}

export function checkItemSize(item: Item, update = false): void {
  if (itemSize(item) > MAX_ITEM_BYTES) {
    throw DynamoErrors.validation(
      update
        ? 'Item size to update has exceeded the maximum allowed size'
        : 'Item size has exceeded the maximum allowed size',
    );
  }
}

/** Capacity units as AWS computes them: 1 KB write units, 4 KB read units, eventual reads at half. */
export function capacity(
  mode: ReturnConsumedCapacity | undefined,
  table: TableRecord,
  kind: 'read' | 'write',
  bytes: number,
  consistent = false,
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const units =
    kind === 'write'
      ? Math.max(1, Math.ceil(bytes / 1024))
      : Math.max(1, Math.ceil(bytes / 4096)) / (consistent ? 1 : 2);
  return {
    TableName: table.name,
    CapacityUnits: units,
    ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units } } : {}),
  };
}
