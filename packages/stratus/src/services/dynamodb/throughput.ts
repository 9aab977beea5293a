/**
 * Provisioned throughput: each PROVISIONED table, and each of its GSIs, has a read and a write
 * bucket that fills at its provisioned units per second of Stratus time and holds up to 300
 * seconds of unused capacity (AWS's burst capacity). A request is refused with
 * ProvisionedThroughputExceededException while a bucket it needs is empty, and what it consumed
 * is taken after it ran (a bucket may go below zero, as AWS lets one large request through).
 * A batch instead processes items while capacity lasts and returns the rest as UnprocessedItems
 * (UnprocessedKeys); it is refused only when it could process none, as AWS does.
 * A table starts with its full burst. On-demand tables are never metered.
 */
import type { ConsumedCapacity } from '../../protocol/models/types/dynamodb.ts';
import type { Operation, RequestContext } from '../service.ts';
import { DynamoErrors } from './errors.ts';
import type { DynamoStore } from './store.ts';
import type { TableRecord } from './table.ts';

const BURST_SECONDS = 300;
const BATCHES = new Set(['BatchGetItem', 'BatchWriteItem']);

type Kind = 'read' | 'write';

interface Bucket {
  tokens: number;
  at: number;
}

/** The tables (and index, for reads) an operation touches, from its input. */
function touched(operation: string, input: any): { name: string; kind: Kind; index?: string }[] {
  switch (operation) {
    case 'GetItem':
      return [{ name: input.TableName, kind: 'read' }];
    case 'Query':
    case 'Scan':
      return [{ name: input.TableName, kind: 'read', index: input.IndexName }];
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ name: input.TableName, kind: 'write' }];
    case 'BatchGetItem':
      return Object.keys(input.RequestItems ?? {}).map((name) => ({ name, kind: 'read' as const }));
    case 'BatchWriteItem':
      return Object.keys(input.RequestItems ?? {}).map((name) => ({ name, kind: 'write' as const }));
    case 'TransactGetItems':
      return (input.TransactItems ?? []).map((t: any) => ({ name: t.Get?.TableName, kind: 'read' as const }));
    case 'TransactWriteItems':
      return (input.TransactItems ?? []).map((t: any) => ({
        name: (t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck)?.TableName,
        kind: 'write' as const,
      }));
    default:
      return [];
  }
}

export class ThroughputMeter {
  readonly #store: DynamoStore;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  /** The capacity check of each running metered request, made when it first uses a table (after validation). */
  readonly #pending = new Map<RequestContext, () => void>();

  constructor(store: DynamoStore, now: () => number) {
    this.#store = store;
    this.#now = now;
    store.admission = (ctx) => {
      const check = this.#pending.get(ctx);
      this.#pending.delete(ctx);
      check?.();
    };
    store.capacityLeft = (ctx, table, kind) => {
      if (table.billingMode !== 'PROVISIONED') return Number.POSITIVE_INFINITY;
      const indexes = kind === 'write' ? table.globalIndexes.filter((i) => i.throughput) : [];
      return Math.min(
        this.#level(ctx, table, kind),
        ...indexes.map((index) => this.#level(ctx, table, kind, index.name)),
      );
    };
  }

  /** The operation, refused while a provisioned table or index it needs has no capacity left. */
  metered(operation: string, run: Operation): Operation {
    // Not async: a call on on-demand tables is the operation's own, with no promise of the meter's.
    return (input, ctx) => {
      const provisioned = this.#provisioned(operation, input, ctx);
      return provisioned.length === 0 ? run(input, ctx) : this.#run(operation, run, provisioned, input, ctx);
    };
  }

  async #run(
    operation: string,
    run: Operation,
    provisioned: { table: TableRecord; kind: Kind; index?: string }[],
    input: any,
    ctx: RequestContext,
  ): Promise<unknown> {
    // A batch processes what capacity allows and returns the rest (store.capacityLeft); it is
    // refused only when it could process nothing.
    if (!BATCHES.has(operation))
      this.#pending.set(ctx, () => {
        for (const { table, kind, index } of provisioned) {
          const indexes =
            kind === 'write' ? table.globalIndexes.filter((i) => i.throughput).map((i) => i.name) : [];
          for (const name of index ? [index] : [undefined, ...indexes]) {
            // A request needs at least its smallest possible cost: one write unit, half a read unit.
            const needed = kind === 'write' ? 1 : 0.5;
            if (this.#level(ctx, table, kind, name) < needed)
              throw DynamoErrors.provisionedThroughputExceeded();
          }
        }
      });
    const asked = input.ReturnConsumedCapacity;
    let output: { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
    try {
      output = (await run({ ...input, ReturnConsumedCapacity: 'INDEXES' }, ctx)) as typeof output;
    } catch (error) {
      // A failed condition consumed write capacity on its table all the same.
      const units = (error as { writeUnits?: number }).writeUnits;
      const [target] = provisioned;
      if (units !== undefined && target?.kind === 'write')
        this.#bucket(ctx, target.table, 'write').tokens -= units;
      throw error;
    } finally {
      this.#pending.delete(ctx);
    }
    const consumed = [output.ConsumedCapacity ?? []].flat();
    for (const used of consumed) this.#consume(ctx, provisioned, used);
    return { ...output, ConsumedCapacity: reshape(output.ConsumedCapacity, asked) };
  }

  #provisioned(operation: string, input: any, ctx: RequestContext) {
    const out: { table: TableRecord; kind: Kind; index?: string }[] = [];
    for (const { name, kind, index } of touched(operation, input)) {
      if (typeof name !== 'string') continue;
      const table = this.#store.getTable(ctx.accountId, ctx.region, name);
      if (table?.billingMode !== 'PROVISIONED' || out.some((t) => t.table.name === name)) continue;
      const global = index && table.globalIndexes.some((i) => i.name === index) ? index : undefined;
      out.push({ table, kind, index: global });
    }
    return out;
  }

  #rate(table: TableRecord, kind: Kind, index?: string): number {
    const throughput = index
      ? table.globalIndexes.find((i) => i.name === index)?.throughput
      : table.throughput;
    return (kind === 'read' ? throughput?.read : throughput?.write) ?? 0;
  }

  #bucket(ctx: RequestContext, table: TableRecord, kind: Kind, index?: string): Bucket {
    const key = `${ctx.region}|${table.id}|${index ?? ''}|${kind}`;
    const rate = this.#rate(table, kind, index);
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      // A new table (or index) starts with its full burst, as AWS's accept a burst right away.
      bucket = { tokens: rate * BURST_SECONDS, at: now };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      rate * BURST_SECONDS,
      bucket.tokens + (rate * Math.max(0, now - bucket.at)) / 1000,
    );
    bucket.at = now;
    return bucket;
  }

  #level(ctx: RequestContext, table: TableRecord, kind: Kind, index?: string): number {
    return this.#bucket(ctx, table, kind, index).tokens;
  }

  #consume(
    ctx: RequestContext,
    provisioned: { table: TableRecord; kind: Kind }[],
    used: ConsumedCapacity,
  ): void {
    const entry = provisioned.find((p) => p.table.name === used.TableName);
    if (!entry) return;
    const { table, kind } = entry;
    let onTable = used.Table?.CapacityUnits ?? 0;
    for (const capacity of Object.values(used.LocalSecondaryIndexes ?? {}))
      onTable += capacity.CapacityUnits ?? 0;
    this.#bucket(ctx, table, kind).tokens -= onTable;
    for (const [name, capacity] of Object.entries(used.GlobalSecondaryIndexes ?? {})) {
      if (table.globalIndexes.some((i) => i.name === name && i.throughput)) {
        this.#bucket(ctx, table, kind, name).tokens -= capacity.CapacityUnits ?? 0;
      }
    }
  }
}

/** ConsumedCapacity as the caller asked for it (we always compute INDEXES to meter). */
function reshape(
  consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
  asked: string | undefined,
): ConsumedCapacity | ConsumedCapacity[] | undefined {
  if (consumed === undefined || asked === 'INDEXES') return consumed;
  if (asked !== 'TOTAL') return undefined;
  const total = (c: ConsumedCapacity): ConsumedCapacity => ({
    TableName: c.TableName,
    CapacityUnits: c.CapacityUnits,
  });
  return Array.isArray(consumed) ? consumed.map(total) : total(consumed);
}
