/** What the item operations share: the table lookup, item checks and ConsumedCapacity. */
import type { ConsumedCapacity, ReturnConsumedCapacity } from '../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../service.ts';
import { checkItem, type Item, itemSize } from './attribute-value.ts';
import { consumedCapacity, readUnits, writeUnits } from './capacity.ts';
import { DynamoErrors } from './errors.ts';
import type { DynamoStore } from './store.ts';
import type { TableRecord } from './table.ts';

export const MAX_ITEM_BYTES = 400 * 1024;

/** The table a data-plane call names; AWS answers a missing one without naming it. */
export function requireTable(store: DynamoStore, ctx: RequestContext, name: string): TableRecord {
  const table = store.getTable(ctx.accountId, ctx.region, name);
  if (!table || table.status === 'DELETING') throw DynamoErrors.resourceNotFound();
  store.admission(ctx);
  return table;
}

/** Checks every attribute value of an item (or key) and returns it with numbers normalized. */
export function checkAttributes(item: Item): Item {
  return checkAttributesAndSize(item).item;
}

/** checkAttributes, and the item's itemSize from the same walk (for checkedSize, later in AWS's order). */
export function checkAttributesAndSize(item: Item): { item: Item; size: number } {
  const checked = checkItem(item);
  if (checked.problem !== undefined) throw DynamoErrors.validation(checked.problem);
  return checked;
}

/**
 * Whether a write must read the item it replaces whatever the request asks: for the stream's old
 * image, global tables, TTL and secondary-index upkeep, and ConsumedCapacity (a put costs the larger
 * of the old and the new item).
 */
export function writeNeedsPrevious(table: TableRecord, mode: ReturnConsumedCapacity | undefined): boolean {
  return (
    table.stream !== undefined ||
    table.replicas !== undefined ||
    table.ttlAttribute !== undefined ||
    table.globalIndexes.length > 0 ||
    table.localIndexes.length > 0 ||
    mode === 'TOTAL' ||
    mode === 'INDEXES'
  );
}

/** Refuses an item over 400 KB; gives its size (what writeItem stores beside it). */
export function checkItemSize(item: Item, update = false): number {
  return checkedSize(itemSize(item), update);
}

/** checkItemSize of an item whose itemSize is known. */
export function checkedSize(size: number, update = false): number {
  if (size > MAX_ITEM_BYTES) {
    throw DynamoErrors.validation(
      update
        ? 'Item size to update has exceeded the maximum allowed size'
        : 'Item size has exceeded the maximum allowed size',
    );
  }
  return size;
}

/**
 * ConsumedCapacity of a single-table call: writes per 1 KB, reads per 4 KB (eventual at half);
 * `indexUnits` are what secondary indexes consume (writes) or the index a read went through.
 */
export function capacity(
  mode: ReturnConsumedCapacity | undefined,
  table: TableRecord,
  kind: 'read' | 'write',
  bytes: number,
  consistent = false,
  indexUnits: Record<string, number> = {},
  readIndex?: string,
): ConsumedCapacity | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const units = kind === 'write' ? writeUnits(bytes) : readUnits(bytes, consistent);
  if (readIndex) return consumedCapacity(mode, table, 0, { [readIndex]: units });
  return consumedCapacity(mode, table, units, indexUnits);
}
