/**
 * DynamoDB state: one SQLite database per region (`dynamodb-<region>`), as the issue asks, so a
 * region's tables live and are backed up together and regions never contend for one writer.
 * Rows are keyed by account inside it. Items are stored under (table id, partition key bytes,
 * sort key bytes) whose byte order is DynamoDB's (key-codec.ts); a table id rather than its name
 * keys the items, so a table deleted and created again starts empty. Secondary indexes keep
 * (index key, item key) rows pointing at the item.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { type Storage, statementCache, transaction } from '../../state/storage.ts';
import type { RequestContext } from '../service.ts';
import { type Item, itemSize, loadItem, storeItem } from './attribute-value.ts';
import { rehashPartitionKey, storedTableKeyOrder } from './key-codec.ts';
import { indexKey, itemOrder, type StoredKey } from './keys.ts';
import { STREAM_SCHEMA, StreamLog } from './streams/log.ts';
import type { TableRecord, TableStats } from './table.ts';
import { TTL_SCHEMA, TtlIndex } from './ttl.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tables (
    account TEXT NOT NULL, name TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (account, name));
  CREATE TABLE IF NOT EXISTS items (
    table_id TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, size INTEGER NOT NULL, item TEXT NOT NULL,
    PRIMARY KEY (table_id, pk, sk)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS index_items (
    table_id TEXT NOT NULL, index_name TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,
    item_order BLOB NOT NULL, item_pk BLOB NOT NULL, item_sk BLOB NOT NULL,
    PRIMARY KEY (table_id, index_name, pk, sk, item_order, item_pk, item_sk)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS item_times (
    table_id TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (table_id, pk, sk)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS transaction_tokens (
    account TEXT NOT NULL, token TEXT NOT NULL, request_hash TEXT NOT NULL, expires_at INTEGER NOT NULL,
    PRIMARY KEY (account, token));
`;

/**
 * The layout's version (`PRAGMA user_version`). 1: partition keys hashed as DynamoDB hashes them
 * (key-codec.ts). 2: index entries sharing an index key ordered by their table key's hash
 * (`item_order`), as DynamoDB orders them. An older database is migrated in one transaction at
 * first use, so no item is lost.
 */
const SCHEMA_VERSION = 2;

function upgrade(db: DatabaseSync): void {
  const version = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
  if (version === SCHEMA_VERSION) return;
  const tables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tables'").get();
  transaction(db, () => {
    if (tables) {
      const records = db.prepare('SELECT record FROM tables').all();
      const stored = records.map((row) => JSON.parse(String(row.record)) as TableRecord);
      if (version < 1) rehashPartitionKeys(db, stored);
      if (version < 2) orderIndexEntries(db, stored);
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

/** The attribute type of a key schema's partition key (and sort key). */
function keyTypes(table: TableRecord, keySchema: TableRecord['keySchema']): [string, string | undefined] {
  const type = (role: string) => {
    const name = keySchema.find((k) => k.KeyType === role)?.AttributeName;
    return name && table.attributeDefinitions.find((a) => a.AttributeName === name)!.AttributeType;
  };
  return [type('HASH')!, type('RANGE') || undefined];
}

/** Layout 0 → 1: every stored partition key (items, indexes, TTL and write-time rows) gets today's hash. */
function rehashPartitionKeys(db: DatabaseSync, tables: readonly TableRecord[]): void {
  db.function('stratus_rehash', (pk, type) => rehashPartitionKey(pk as Uint8Array, String(type)));
  db.exec(TTL_SCHEMA);
  for (const table of tables) {
    const [type] = keyTypes(table, table.keySchema);
    for (const name of ['items', 'item_times', 'ttl_items']) {
      db.prepare(`UPDATE ${name} SET pk = stratus_rehash(pk, ?) WHERE table_id = ?`).run(type, table.id);
    }
    for (const index of [...table.globalIndexes, ...table.localIndexes]) {
      db.prepare(
        'UPDATE index_items SET pk = stratus_rehash(pk, ?), item_pk = stratus_rehash(item_pk, ?) WHERE table_id = ? AND index_name = ?',
      ).run(keyTypes(table, index.keySchema)[0], type, table.id, index.name);
    }
  }
}

/** Layout 1 → 2: index entries gain `item_order` (their table key's hash) before the table key. */
function orderIndexEntries(db: DatabaseSync, tables: readonly TableRecord[]): void {
  db.function('stratus_item_order', (pk, sk, hashType, rangeType) =>
    storedTableKeyOrder(
      pk as Uint8Array,
      sk as Uint8Array,
      String(hashType),
      rangeType ? String(rangeType) : undefined,
    ),
  );
  db.exec('ALTER TABLE index_items RENAME TO index_items_v1');
  db.exec(SCHEMA);
  const copy = db.prepare(
    `INSERT INTO index_items (table_id, index_name, pk, sk, item_order, item_pk, item_sk)
     SELECT table_id, index_name, pk, sk, stratus_item_order(item_pk, item_sk, ?, ?), item_pk, item_sk
     FROM index_items_v1 WHERE table_id = ?`,
  );
  for (const table of tables) copy.run(...keyTypes(table, table.keySchema).map((t) => t ?? null), table.id);
  db.exec('DROP TABLE index_items_v1');
}

/** One row a query or scan reads: the item and where it sits in the table or index. */
export interface ReadRow {
  readonly item: Item;
  readonly key: StoredKey;
  /** The item's table key, when read through an index. */
  readonly itemKey?: StoredKey;
}

export interface RangeRequest {
  readonly tableId: string;
  readonly indexName?: string;
  /** Query: one partition. Scan: undefined. */
  readonly pk?: Buffer;
  /** Sort-key bounds, inclusive or exclusive. */
  readonly lower?: { value: Buffer; inclusive: boolean };
  readonly upper?: { value: Buffer; inclusive: boolean };
  readonly prefix?: Buffer;
  readonly forward: boolean;
  /** Rows strictly after this position (in reading order). */
  readonly after?: { key: StoredKey; itemKey?: StoredKey; itemOrder?: Buffer };
}

export interface WriteOptions {
  /** The write is DynamoDB's own (a TTL deletion): its stream record names the service. */
  readonly service?: boolean;
  /** A global table's replication of a write made in another region, at that write's time. */
  readonly replicatedAt?: number;
  /** The new item's itemSize, when the caller has it already. */
  readonly size?: number;
}

export class DynamoStore {
  readonly #storage: Storage;
  /** Each opened region's database and its prepared statements (by SQL text): one lookup per statement. */
  readonly #regions = new Map<string, { db: DatabaseSync; sql: (sql: string) => StatementSync }>();
  readonly streams: StreamLog;
  readonly ttl: TtlIndex;
  readonly #now: () => number;
  /** Parsed table records by region, account and name; every change goes through putTable/dropTable. */
  readonly #tables = new Map<string, TableRecord>();
  /**
   * Called when a validated data-plane request first uses an existing table (see items.ts): the
   * throughput meter refuses there, as AWS throttles only requests that passed validation.
   */
  admission: (ctx: RequestContext) => void = () => {};
  /**
   * The capacity units a table (and, for writes, each of its provisioned GSIs) can still take now:
   * batches process what this allows and return the rest unprocessed. Unlimited unless metered.
   */
  capacityLeft: (ctx: RequestContext, table: TableRecord, kind: 'read' | 'write') => number = () =>
    Number.POSITIVE_INFINITY;

  constructor(storage: Storage, now: () => number, onStreamAppend: (region: string, arn: string) => void) {
    this.#storage = storage;
    this.#now = now;
    this.streams = new StreamLog(this, now, onStreamAppend);
    this.ttl = new TtlIndex(this, now);
  }

  db(region: string): DatabaseSync {
    return this.#region(region).db;
  }

  #region(region: string): { db: DatabaseSync; sql: (sql: string) => StatementSync } {
    let opened = this.#regions.get(region);
    if (!opened) {
      const db = this.#storage.database(`dynamodb-${region}`);
      upgrade(db);
      db.exec(SCHEMA + STREAM_SCHEMA + TTL_SCHEMA);
      opened = { db, sql: statementCache(db) };
      this.#regions.set(region, opened);
    }
    return opened;
  }

  /** The regions whose database this instance has opened (what the background sweeps visit). */
  regions(): string[] {
    return [...this.#regions.keys()];
  }

  /** A prepared statement of the region's database (for the stream log and the TTL index). */
  statement(region: string, sql: string): StatementSync {
    return this.#region(region).sql(sql);
  }

  #sql(region: string, sql: string): StatementSync {
    return this.statement(region, sql);
  }

  /** Every table of the region, of all accounts. */
  allTables(region: string): TableRecord[] {
    return this.#sql(region, 'SELECT record FROM tables')
      .all()
      .map((row) => JSON.parse(String(row.record)) as TableRecord);
  }

  getTable(account: string, region: string, name: string): TableRecord | undefined {
    const id = `${region}|${account}|${name}`;
    const cached = this.#tables.get(id);
    if (cached) return cached;
    const row = this.#sql(region, 'SELECT record FROM tables WHERE account = ? AND name = ?').get(
      account,
      name,
    );
    const table = row ? (JSON.parse(String(row.record)) as TableRecord) : undefined;
    if (table) this.#tables.set(id, table);
    return table;
  }

  putTable(account: string, region: string, table: TableRecord): void {
    // Dropped rather than set: the write may still roll back with its transaction.
    this.#tables.delete(`${region}|${account}|${table.name}`);
    this.#sql(region, 'INSERT OR REPLACE INTO tables (account, name, record) VALUES (?, ?, ?)').run(
      account,
      table.name,
      JSON.stringify(table),
    );
  }

  /** Table names of the account in the region, in ascending order. */
  tableNames(account: string, region: string): string[] {
    return this.#sql(region, 'SELECT name FROM tables WHERE account = ? ORDER BY name')
      .all(account)
      .map((row) => String(row.name));
  }

  dropTable(account: string, region: string, table: TableRecord): void {
    this.#tables.delete(`${region}|${account}|${table.name}`);
    transaction(this.db(region), () => {
      this.#sql(region, 'DELETE FROM tables WHERE account = ? AND name = ?').run(account, table.name);
      this.#sql(region, 'DELETE FROM items WHERE table_id = ?').run(table.id);
      this.#sql(region, 'DELETE FROM index_items WHERE table_id = ?').run(table.id);
      this.ttl.clear(region, table.id);
      this.#sql(region, 'DELETE FROM item_times WHERE table_id = ?').run(table.id);
      const stream = table.streamLabel && `${table.arn}/stream/${table.streamLabel}`;
      if (stream) this.streams.close(region, stream);
    });
  }

  stats(region: string, tableId: string): TableStats {
    const row = this.#sql(
      region,
      'SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM items WHERE table_id = ?',
    ).get(tableId);
    return { itemCount: Number(row?.n ?? 0), sizeBytes: Number(row?.bytes ?? 0) };
  }

  getItem(region: string, tableId: string, key: StoredKey): Item | undefined {
    const row = this.#sql(region, 'SELECT item FROM items WHERE table_id = ? AND pk = ? AND sk = ?').get(
      tableId,
      key.pk,
      key.sk,
    );
    return row ? loadItem(String(row.item)) : undefined;
  }

  /** The item at `key` as stored (storeItem's text) with its itemSize, unparsed. */
  readItem(region: string, tableId: string, key: StoredKey): { text: string; size: number } | undefined {
    const row = this.#sql(
      region,
      'SELECT size, item FROM items WHERE table_id = ? AND pk = ? AND sk = ?',
    ).get(tableId, key.pk, key.sk);
    return row ? { text: String(row.item), size: Number(row.size) } : undefined;
  }

  /**
   * Replaces (or with `item` undefined, deletes) the item at `key`, keeping the secondary indexes
   * in step; `previous` is the item being replaced. Callers run this inside `atomically`, except a put
   * on a table with nothing to keep in step (no stream, TTL, index or replica): one INSERT, atomic alone.
   */
  writeItem(
    region: string,
    table: TableRecord,
    key: StoredKey,
    item: Item | undefined,
    previous: Item | undefined,
    options: WriteOptions = {},
  ): void {
    if (table.stream) this.streams.append(region, table, previous, item, options);
    if (table.replicas) this.#touch(region, table.id, key, options.replicatedAt ?? this.#now());
    if (table.ttlAttribute) this.ttl.update(region, table, key, previous, item);
    const indexes = [...table.globalIndexes, ...table.localIndexes];
    if (previous) {
      const remove = this.#sql(
        region,
        'DELETE FROM index_items WHERE table_id = ? AND index_name = ? AND pk = ? AND sk = ? AND item_pk = ? AND item_sk = ?',
      );
      for (const index of indexes) {
        const old = indexKey(index, previous);
        if (old) remove.run(table.id, index.name, old.pk, old.sk, key.pk, key.sk);
      }
    }
    if (!item) {
      this.#sql(region, 'DELETE FROM items WHERE table_id = ? AND pk = ? AND sk = ?').run(
        table.id,
        key.pk,
        key.sk,
      );
      return;
    }
    this.#sql(
      region,
      'INSERT OR REPLACE INTO items (table_id, pk, sk, size, item) VALUES (?, ?, ?, ?, ?)',
    ).run(table.id, key.pk, key.sk, options.size ?? itemSize(item), storeItem(item));
    if (indexes.length === 0) return;
    const add = this.#sql(
      region,
      'INSERT OR REPLACE INTO index_items (table_id, index_name, pk, sk, item_order, item_pk, item_sk) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const order = itemOrder(table, item);
    for (const index of indexes) {
      const entry = indexKey(index, item);
      if (entry) add.run(table.id, index.name, entry.pk, entry.sk, order, key.pk, key.sk);
    }
  }

  /** Global tables: when the item at `key` was last written (last writer wins). */
  writtenAt(region: string, tableId: string, key: StoredKey): number | undefined {
    const row = this.#sql(region, 'SELECT at FROM item_times WHERE table_id = ? AND pk = ? AND sk = ?').get(
      tableId,
      key.pk,
      key.sk,
    );
    return row ? Number(row.at) : undefined;
  }

  #touch(region: string, tableId: string, key: StoredKey, at: number): void {
    this.#sql(region, 'INSERT OR REPLACE INTO item_times (table_id, pk, sk, at) VALUES (?, ?, ?, ?)').run(
      tableId,
      key.pk,
      key.sk,
      at,
    );
  }

  /** Builds a new global secondary index from the table's items (UpdateTable's backfill). */
  backfillIndex(region: string, table: TableRecord, index: TableRecord['globalIndexes'][number]): void {
    const add = this.#sql(
      region,
      'INSERT OR REPLACE INTO index_items (table_id, index_name, pk, sk, item_order, item_pk, item_sk) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const row of this.rows(region, { tableId: table.id, forward: true })) {
      const entry = indexKey(index, row.item);
      if (entry)
        add.run(table.id, index.name, entry.pk, entry.sk, itemOrder(table, row.item), row.key.pk, row.key.sk);
    }
  }

  dropIndex(region: string, tableId: string, indexName: string): void {
    this.#sql(region, 'DELETE FROM index_items WHERE table_id = ? AND index_name = ?').run(
      tableId,
      indexName,
    );
  }

  /** Rows of a table or index in key order (or reverse), lazily. */
  *rows(region: string, request: RangeRequest): Generator<ReadRow> {
    const onIndex = request.indexName !== undefined;
    const { sql, params } = rangeQuery(request, true);
    for (const row of this.#sql(region, sql).iterate(...params)) {
      yield {
        item: loadItem(String(row.item)),
        key: { pk: Buffer.from(row.pk as Uint8Array), sk: Buffer.from(row.sk as Uint8Array) },
        itemKey: onIndex
          ? { pk: Buffer.from(row.item_pk as Uint8Array), sk: Buffer.from(row.item_sk as Uint8Array) }
          : undefined,
      };
    }
  }

  /**
   * The items of `rows` with their stored size (itemSize), without their stored keys: Query needs
   * only the items, so no key columns are read.
   */
  *items(region: string, request: RangeRequest): Generator<{ readonly item: Item; readonly size: number }> {
    const { sql, params } = rangeQuery(request, false);
    for (const row of this.#sql(region, sql).iterate(...params)) {
      yield { item: loadItem(String(row.item)), size: Number(row.size) };
    }
  }

  /** items(), each as its stored text (storeItem's), unparsed. */
  *itemTexts(
    region: string,
    request: RangeRequest,
  ): Generator<{ readonly text: string; readonly size: number }> {
    const { sql, params } = rangeQuery(request, false);
    for (const row of this.#sql(region, sql).iterate(...params)) {
      yield { text: String(row.item), size: Number(row.size) };
    }
  }

  /** The hash of the request a TransactWriteItems ClientRequestToken was first used with, while it is live. */
  transactionToken(account: string, region: string, token: string, now: number): string | undefined {
    this.#sql(region, 'DELETE FROM transaction_tokens WHERE expires_at <= ?').run(now);
    const row = this.#sql(
      region,
      'SELECT request_hash FROM transaction_tokens WHERE account = ? AND token = ?',
    ).get(account, token);
    return row ? String(row.request_hash) : undefined;
  }

  rememberTransactionToken(
    account: string,
    region: string,
    token: string,
    hash: string,
    expiresAt: number,
  ): void {
    this.#sql(
      region,
      'INSERT OR REPLACE INTO transaction_tokens (account, token, request_hash, expires_at) VALUES (?, ?, ?, ?)',
    ).run(account, token, hash, expiresAt);
  }

  /**
   * Runs `work` in one SQLite transaction of the region's database (as storage.ts `transaction`, with
   * BEGIN, COMMIT and ROLLBACK prepared once rather than parsed by `exec` on every write).
   */
  atomically<T>(region: string, work: () => T): T {
    const { sql } = this.#region(region);
    sql('BEGIN IMMEDIATE').run();
    try {
      const result = work();
      sql('COMMIT').run();
      return result;
    } catch (error) {
      sql('ROLLBACK').run();
      throw error;
    }
  }
}

/** The SQL of a range read; `withKeys`: the stored key columns are selected too. */
function rangeQuery(request: RangeRequest, withKeys: boolean): { sql: string; params: SQLInputValue[] } {
  const onIndex = request.indexName !== undefined;
  const where: string[] = [onIndex ? 'x.table_id = ? AND x.index_name = ?' : 'x.table_id = ?'];
  const params: SQLInputValue[] = onIndex ? [request.tableId, request.indexName!] : [request.tableId];
  if (request.pk) {
    where.push('x.pk = ?');
    params.push(request.pk);
  }
  if (request.lower) {
    where.push(`x.sk ${request.lower.inclusive ? '>=' : '>'} ?`);
    params.push(request.lower.value);
  }
  if (request.upper) {
    where.push(`x.sk ${request.upper.inclusive ? '<=' : '<'} ?`);
    params.push(request.upper.value);
  }
  if (request.prefix) {
    where.push('substr(x.sk, 1, ?) = ?');
    params.push(request.prefix.length, request.prefix);
  }
  const columns = onIndex ? ['x.pk', 'x.sk', 'x.item_order', 'x.item_pk', 'x.item_sk'] : ['x.pk', 'x.sk'];
  if (request.after) {
    const after = [request.after.key.pk, request.after.key.sk];
    if (onIndex) after.push(request.after.itemOrder!, request.after.itemKey!.pk, request.after.itemKey!.sk);
    where.push(
      `(${columns.join(', ')}) ${request.forward ? '>' : '<'} (${columns.map(() => '?').join(', ')})`,
    );
    params.push(...after);
  }
  const direction = request.forward ? 'ASC' : 'DESC';
  const order = columns.map((c) => `${c} ${direction}`).join(', ');
  const selected = withKeys ? `${columns.join(', ')}, ` : `${onIndex ? 'i' : 'x'}.size, `;
  const sql = onIndex
    ? `SELECT ${selected}i.item FROM index_items x
       JOIN items i ON i.table_id = x.table_id AND i.pk = x.item_pk AND i.sk = x.item_sk
       WHERE ${where.join(' AND ')} ORDER BY ${order}`
    : `SELECT ${selected}x.item FROM items x WHERE ${where.join(' AND ')} ORDER BY ${order}`;
  return { sql, params };
}
