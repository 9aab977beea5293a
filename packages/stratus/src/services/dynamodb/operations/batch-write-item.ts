import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
} from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, itemSize, typeOf } from '../attribute-value.ts';
import { addUnits, consumedCapacity, indexWriteUnits, writeUnits } from '../capacity.ts';
import { DynamoErrors } from '../errors.ts';
import {
  checkAttributes,
  checkAttributesAndSize,
  checkedSize,
  requireTable,
  writeNeedsPrevious,
} from '../items.ts';
import { checkItemKeys, checkKey, type StoredKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';
import { attributeType, type TableRecord } from '../table.ts';

const MAX_REQUESTS = 25;

interface PlannedWrite {
  readonly table: TableRecord;
  readonly key: StoredKey;
  /** The new item, or undefined for a delete. */
  readonly item: Item | undefined;
  /** The new item's itemSize (0 for a delete). */
  readonly size: number;
  readonly tableName: string;
  /** The request as sent, returned in UnprocessedItems when capacity runs out before it. */
  readonly request: WriteRequest;
}

/**
 * BatchWriteItem: every request is checked before any is written, then they are written in one
 * SQLite transaction while the table's provisioned capacity lasts; the rest is returned in
 * UnprocessedItems, and a batch that could write nothing is throttled, as AWS does.
 */
export function batchWriteItem(
  store: DynamoStore,
  input: BatchWriteItemInput,
  ctx: RequestContext,
): BatchWriteItemOutput {
  const total = Object.values(input.RequestItems).reduce((n, requests) => n + requests.length, 0);
  if (total > MAX_REQUESTS)
    throw DynamoErrors.validation('Too many items requested for the BatchWriteItem call');
  // AWS checks every request's values and sizes before it looks any table up.
  const checked = Object.entries(input.RequestItems).map(
    ([tableName, requests]) =>
      [tableName, requests.map((request) => ({ ...checkedRequest(request), request }))] as const,
  );
  const plan: PlannedWrite[] = [];
  for (const [tableName, requests] of checked) {
    const table = requireTable(store, ctx, tableName);
    const seen = new Set<string>();
    for (const request of requests) {
      const write = { ...plannedWrite(table, request), tableName, request: request.request };
      const id = `${write.key.pk.toString('hex')}:${write.key.sk.toString('hex')}`;
      if (seen.has(id)) throw DynamoErrors.validation('Provided list of item keys contains duplicates');
      seen.add(id);
      plan.push(write);
    }
  }
  const units = new Map<TableRecord, { table: number; indexes: Record<string, number> }>();
  const unprocessed: Record<string, WriteRequest[]> = {};
  const left = new Map<TableRecord, number>();
  store.atomically(ctx.region, () => {
    for (const write of plan) {
      const budget = left.get(write.table) ?? store.capacityLeft(ctx, write.table, 'write');
      if (budget < 1) {
        (unprocessed[write.tableName] ??= []).push(write.request);
        continue;
      }
      const previous = writeNeedsPrevious(write.table, input.ReturnConsumedCapacity)
        ? store.getItem(ctx.region, write.table.id, write.key)
        : undefined;
      store.writeItem(ctx.region, write.table, write.key, write.item, previous, { size: write.size });
      const size = Math.max(write.size, previous ? itemSize(previous) : 0);
      const used = units.get(write.table) ?? { table: 0, indexes: {} };
      const indexUnits = indexWriteUnits(write.table, previous, write.item);
      used.table += writeUnits(size);
      addUnits(used.indexes, indexUnits);
      units.set(write.table, used);
      left.set(write.table, budget - Math.max(writeUnits(size), ...Object.values(indexUnits)));
    }
  });
  if (units.size === 0 && plan.length > 0) throw DynamoErrors.provisionedThroughputExceeded();
  const consumed = [...units].map(([table, used]) =>
    consumedCapacity(input.ReturnConsumedCapacity, table, used.table, used.indexes),
  );
  return {
    UnprocessedItems: unprocessed,
    ConsumedCapacity:
      consumed.every(Boolean) && consumed.length > 0 ? (consumed as ConsumedCapacity[]) : undefined,
  };
}

type WriteRequest = BatchWriteItemInput['RequestItems'][string][number];

/** The request with its item or key checked and normalized (no table needed). */
function checkedRequest(request: WriteRequest): { put?: Item; size?: number; delete?: Item } {
  if (request.PutRequest && request.DeleteRequest) {
    throw DynamoErrors.validation('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
  }
  if (request.PutRequest) {
    const { item, size } = checkAttributesAndSize(request.PutRequest.Item);
    return { put: item, size: checkedSize(size) };
  }
  if (request.DeleteRequest) return { delete: checkAttributes(request.DeleteRequest.Key) };
  // An empty WriteRequest: AWS answers with its attribute-value wording (as dynalite's suite records).
  throw DynamoErrors.validation(
    'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  );
}

function plannedWrite(
  table: TableRecord,
  request: { put?: Item; size?: number; delete?: Item },
): Pick<PlannedWrite, 'table' | 'key' | 'item' | 'size'> {
  if (request.put) {
    // A put's missing or mistyped table key is worded as a key's, unlike PutItem's.
    for (const { AttributeName: name } of table.keySchema) {
      const value = request.put[name];
      if (!value || typeOf(value) !== attributeType(table, name))
        throw DynamoErrors.validation('The provided key element does not match the schema');
    }
    return { table, key: checkItemKeys(table, request.put), item: request.put, size: request.size! };
  }
  return { table, key: checkKey(table, request.delete!), item: undefined, size: 0 };
}
