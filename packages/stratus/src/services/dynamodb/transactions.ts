/**
 * What the two transaction operations share: ConsumedCapacity (transactions cost twice the units
 * of the same reads and writes) and AWS's per-item checks.
 */
import type { ConsumedCapacity, ReturnConsumedCapacity } from '../../protocol/models/types/dynamodb.ts';
import { DynamoErrors } from './errors.ts';
import type { StoredKey } from './keys.ts';
import type { TableRecord } from './table.ts';

/** Refuses a second action on an item already in the transaction. */
export function itemTracker(): (table: TableRecord, key: StoredKey) => void {
  const seen = new Set<string>();
  return (table, key) => {
    const id = `${table.id}:${key.pk.toString('hex')}:${key.sk.toString('hex')}`;
    if (seen.has(id)) {
      throw DynamoErrors.validation('Transaction request cannot include multiple operations on one item');
    }
    seen.add(id);
  };
}

/** Units of one item in a transaction: writes per 1 KB, reads per 4 KB, both doubled. */
function transactionUnits(kind: 'read' | 'write', bytes: number): number {
  return 2 * Math.max(1, Math.ceil(bytes / (kind === 'write' ? 1024 : 4096)));
}

/** Capacity units per table name. */
export class TransactionUnits {
  readonly #units = new Map<string, number>();

  add(table: TableRecord, kind: 'read' | 'write', bytes: number): void {
    this.#units.set(table.name, (this.#units.get(table.name) ?? 0) + transactionUnits(kind, bytes));
  }

  entries(): [string, number][] {
    return [...this.#units];
  }
}

export function transactionCapacity(
  mode: ReturnConsumedCapacity | undefined,
  units: TransactionUnits,
): ConsumedCapacity[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  return units.entries().map(([name, n]) => ({
    TableName: name,
    CapacityUnits: n,
    ...(mode === 'INDEXES' ? { Table: { CapacityUnits: n } } : {}),
  }));
}
