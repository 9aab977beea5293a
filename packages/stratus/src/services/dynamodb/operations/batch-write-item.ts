import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  ConsumedCapacity,
} from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, itemSize } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import { capacity, checkAttributes, checkItemSize, requireTable } from '../items.ts';
import { checkItemKeys, checkKey, type StoredKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';
import type { TableRecord } from '../table.ts';

const MAX_REQUESTS = 25;

interface PlannedWrite {
  readonly table: TableRecord;
  readonly key: StoredKey;
  /** The new item, or undefined for a delete. */
  readonly item: Item | undefined;
}

/**
 * BatchWriteItem: every request is checked before any is written, then all are written in one
 * SQLite transaction, so nothing is ever left unprocessed (UnprocessedItems is always empty).
 */
export function batchWriteItem(
  store: DynamoStore,
  input: BatchWriteItemInput,
  ctx: RequestContext,
): BatchWriteItemOutput {
  const total = Object.values(input.RequestItems).reduce((n, requests) => n + requests.length, 0);
  if (total > MAX_REQUESTS)
    throw DynamoErrors.validation('Too many items requested for the BatchWriteItem call');
  const plan: PlannedWrite[] = [];
  for (const [tableName, requests] of Object.entries(input.RequestItems)) {
    const table = requireTable(store, ctx, tableName);
    const seen = new Set<string>();
    for (const request of requests) {
      const write = plannedWrite(table, request);
      const id = `${write.key.pk.toString('hex')}:${write.key.sk.toString('hex')}`;
      if (seen.has(id)) throw DynamoErrors.validation('Provided list of item keys contains duplicates');
      seen.add(id);
      plan.push(write);
    }
  }
  const bytes = new Map<TableRecord, number>();
  store.atomically(ctx.region, () => {
    for (const write of plan) {
      const previous = store.getItem(ctx.region, write.table.id, write.key);
      store.writeItem(ctx.region, write.table, write.key, write.item, previous);
      const size = Math.max(write.item ? itemSize(write.item) : 0, previous ? itemSize(previous) : 0);
      bytes.set(write.table, (bytes.get(write.table) ?? 0) + Math.max(1, Math.ceil(size / 1024)) * 1024);
    }
  });
  const consumed = [...bytes].map(([table, size]) =>
    capacity(input.ReturnConsumedCapacity, table, 'write', size),
  );
  return {
    UnprocessedItems: {},
    ConsumedCapacity:
      consumed.every(Boolean) && consumed.length > 0 ? (consumed as ConsumedCapacity[]) : undefined,
  };
}

function plannedWrite(table: TableRecord, request: BatchWriteItemInput['RequestItems'][string][number]) {
  if (request.PutRequest && request.DeleteRequest) {
    throw DynamoErrors.validation('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
  }
  if (request.PutRequest) {
    const item = checkAttributes(request.PutRequest.Item);
    const key = checkItemKeys(table, item);
    checkItemSize(item);
    return { table, key, item };
  }
  if (request.DeleteRequest) {
    const key = checkKey(table, checkAttributes(request.DeleteRequest.Key));
    return { table, key, item: undefined };
  }
  // Stratus' own wording: AWS's message for this case is not documented.
  throw DynamoErrors.validation('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
}
