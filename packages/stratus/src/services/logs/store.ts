import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { type Storage, statementCache, transaction } from '../../state/storage.ts';

/** Where a group lives: CloudWatch Logs state is per account and region. */
export interface LogScope {
  readonly accountId: string;
  readonly region: string;
}

export interface LogGroupRecord {
  readonly name: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly storedBytes: number;
}

export interface LogStreamRecord {
  readonly name: string;
  readonly creationTime: number;
  readonly firstEventTimestamp?: number;
  readonly lastEventTimestamp?: number;
  readonly lastIngestionTime?: number;
  readonly storedBytes: number;
}

export interface LogEventRecord {
  /** Insertion order, unique across the instance (the tie-breaker for equal timestamps). */
  readonly id: number;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
}

/** Events one writer appends to one stream, received at `ingestionTime`. */
export interface EventRun {
  readonly scope: LogScope;
  readonly group: string;
  readonly stream: string;
  readonly ingestionTime: number;
  readonly events: readonly { timestamp: number; message: string }[];
  /** `streamKey(scope, group, stream)`, when the writer keeps it (building it per run showed up under load). */
  readonly key?: string;
  /**
   * Lambda's lines closing an invocation: END and REPORT (with START when the function printed nothing).
   * `stratus dev` leaves them out under load without reading them.
   */
  readonly closing?: boolean;
}

/** The key of one stream among every account's and region's. */
export function streamKey(scope: LogScope, group: string, stream: string): string {
  return `${scope.accountId}\n${scope.region}\n${group}\n${stream}`;
}

/**
 * At most 2^7 = 128 rows per statement of a flush: under load one holds a few hundred events (START, END
 * and REPORT of each invocation) to a few dozen streams (one per execution environment). Statements exist
 * for powers of two up to that many rows (one for every count took megabytes).
 */
const MAX_ROWS_POWER = 7;

/** Every batch statement takes five values per row. */
const VALUES_PER_ROW = 5;

/** A batch statement's SQL for `rows` rows of values. */
type BatchSql = (rows: number) => string;

function valuesSql(rows: number): string {
  return Array(rows).fill('(?, ?, ?, ?, ?)').join(', ');
}

/** Appends events: `group_id, stream_id, timestamp, ingestion_time, message` per row. */
const INSERT_EVENTS: BatchSql = (rows) =>
  `INSERT INTO log_events (group_id, stream_id, timestamp, ingestion_time, message) VALUES ${valuesSql(rows)}`;

/** Grows streams' statistics: `id, first event, last event, ingestion time, bytes` per row (one per stream). */
const GROW_STREAMS: BatchSql = (rows) =>
  `WITH growth (id, first, last, ingestion, bytes) AS (VALUES ${valuesSql(rows)})
   UPDATE log_streams SET
     first_event = MIN(COALESCE(first_event, growth.first), growth.first),
     last_event = MAX(COALESCE(last_event, growth.last), growth.last),
     last_ingestion = growth.ingestion, stored_bytes = stored_bytes + growth.bytes
   FROM growth WHERE log_streams.id = growth.id`;

interface StreamGrowth {
  readonly ids: StreamIds;
  bytes: number;
  first: number;
  last: number;
  ingestionTime: number;
}

/** A position in (timestamp, id) order: events strictly after or before it are read. */
export interface EventCursor {
  readonly timestamp: number;
  readonly id: number;
}

export interface EventQuery {
  readonly streams?: readonly string[];
  readonly startTime?: number;
  /** Exclusive unless `endInclusive`. */
  readonly endTime?: number;
  readonly endInclusive?: boolean;
  readonly after?: EventCursor;
  readonly before?: EventCursor;
  /** Newest first (then the caller reverses to keep ascending output). */
  readonly newestFirst?: boolean;
  readonly limit: number;
}

/**
 * The logs database's layout. This is the first release, so there are no migrations: a logs
 * database written by an older build (another `user_version`) is dropped and recreated at start,
 * losing its groups, streams and events but not crashing (the rest of the instance's state stays).
 */
const SCHEMA_VERSION = 2;

/** A stream's row ids, which its events carry instead of the account, region, group and stream names. */
interface StreamIds {
  readonly groupId: number;
  readonly streamId: number;
}

/** Log groups, streams and events in SQLite; events carry integer group and stream ids, indexed by group and time. */
export class LogStore {
  readonly #db: DatabaseSync;
  readonly #prepare: (sql: string) => StatementSync;
  /** Ids of the streams `appendRuns` has written to; any deletion forgets them all. */
  readonly #knownStreams = new Map<string, StreamIds>();
  /** Each batch statement for 2^n rows at index n, prepared when first needed. */
  readonly #batches = new Map<BatchSql, StatementSync[]>();

  constructor(storage: Storage) {
    this.#db = storage.database('logs');
    this.#prepare = statementCache(this.#db);
    const version = Number(this.#db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
    if (version !== SCHEMA_VERSION) {
      this.#db.exec(`
        DROP TABLE IF EXISTS log_events; DROP TABLE IF EXISTS log_streams; DROP TABLE IF EXISTS log_groups;
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    }
    // One narrow index serves every read of events: (group, time), with the row id (the insertion
    // order) as its implicit last key; a stream's events are the group's filtered by stream id.
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS log_groups (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        created INTEGER NOT NULL, retention INTEGER, kms_key_id TEXT,
        UNIQUE (account, region, name));
      CREATE TABLE IF NOT EXISTS log_streams (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL, region TEXT NOT NULL, log_group TEXT NOT NULL, name TEXT NOT NULL,
        created INTEGER NOT NULL, first_event INTEGER, last_event INTEGER, last_ingestion INTEGER,
        stored_bytes INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account, region, log_group, name));
      CREATE TABLE IF NOT EXISTS log_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,
        timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS log_events_by_group ON log_events (group_id, timestamp);
    `);
  }

  getGroup(scope: LogScope, name: string): LogGroupRecord | undefined {
    const row = this.#prepare(
      `SELECT g.*, (SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams s
           WHERE s.account = g.account AND s.region = g.region AND s.log_group = g.name) AS stored_bytes
         FROM log_groups g WHERE account = ? AND region = ? AND name = ?`,
    ).get(scope.accountId, scope.region, name);
    return row ? toGroup(row) : undefined;
  }

  /** False when the group already exists. */
  createGroup(scope: LogScope, name: string, created: number, kmsKeyId?: string): boolean {
    const result = this.#prepare(
      'INSERT OR IGNORE INTO log_groups (account, region, name, created, kms_key_id) VALUES (?, ?, ?, ?, ?)',
    ).run(scope.accountId, scope.region, name, created, kmsKeyId ?? null);
    return result.changes > 0;
  }

  deleteGroup(scope: LogScope, name: string): boolean {
    this.#knownStreams.clear();
    return transaction(this.#db, () => {
      const args = [scope.accountId, scope.region, name];
      this.#prepare(
        `DELETE FROM log_events WHERE group_id =
           (SELECT id FROM log_groups WHERE account = ? AND region = ? AND name = ?)`,
      ).run(...args);
      this.#prepare('DELETE FROM log_streams WHERE account = ? AND region = ? AND log_group = ?').run(
        ...args,
      );
      return (
        this.#prepare('DELETE FROM log_groups WHERE account = ? AND region = ? AND name = ?').run(...args)
          .changes > 0
      );
    });
  }

  /** Groups in name order, after `afterName`, whose names start with `prefix`. */
  listGroups(
    scope: LogScope,
    options: { prefix?: string; afterName?: string; limit: number },
  ): LogGroupRecord[] {
    const rows = this.#prepare(
      `SELECT g.*, (SELECT COALESCE(SUM(stored_bytes), 0) FROM log_streams s
           WHERE s.account = g.account AND s.region = g.region AND s.log_group = g.name) AS stored_bytes
         FROM log_groups g WHERE account = ? AND region = ? AND substr(name, 1, ?) = ? AND name > ?
         ORDER BY name LIMIT ?`,
    ).all(
      scope.accountId,
      scope.region,
      (options.prefix ?? '').length,
      options.prefix ?? '',
      options.afterName ?? '',
      options.limit,
    );
    return rows.map(toGroup);
  }

  setRetention(scope: LogScope, name: string, days: number | undefined): boolean {
    return (
      this.#prepare('UPDATE log_groups SET retention = ? WHERE account = ? AND region = ? AND name = ?').run(
        days ?? null,
        scope.accountId,
        scope.region,
        name,
      ).changes > 0
    );
  }

  getStream(scope: LogScope, group: string, name: string): LogStreamRecord | undefined {
    const row = this.#prepare(
      'SELECT * FROM log_streams WHERE account = ? AND region = ? AND log_group = ? AND name = ?',
    ).get(scope.accountId, scope.region, group, name);
    return row ? toStream(row) : undefined;
  }

  createStream(scope: LogScope, group: string, name: string, created: number): boolean {
    return (
      this.#prepare(
        'INSERT OR IGNORE INTO log_streams (account, region, log_group, name, created) VALUES (?, ?, ?, ?, ?)',
      ).run(scope.accountId, scope.region, group, name, created).changes > 0
    );
  }

  deleteStream(scope: LogScope, group: string, name: string): boolean {
    this.#knownStreams.clear();
    return transaction(this.#db, () => {
      const args = [scope.accountId, scope.region, group, name];
      this.#prepare(
        `DELETE FROM log_events WHERE group_id = (SELECT id FROM log_groups WHERE account = ?1 AND region = ?2 AND name = ?3)
           AND stream_id = (SELECT id FROM log_streams
             WHERE account = ?1 AND region = ?2 AND log_group = ?3 AND name = ?4)`,
      ).run(...args);
      return (
        this.#prepare(
          'DELETE FROM log_streams WHERE account = ? AND region = ? AND log_group = ? AND name = ?',
        ).run(...args).changes > 0
      );
    });
  }

  listStreams(
    scope: LogScope,
    group: string,
    options: { prefix?: string; orderBy: 'LogStreamName' | 'LastEventTime'; descending: boolean },
  ): LogStreamRecord[] {
    const direction = options.descending ? 'DESC' : 'ASC';
    const order =
      options.orderBy === 'LastEventTime'
        ? `COALESCE(last_event, 0) ${direction}, name ${direction}`
        : `name ${direction}`;
    const rows = this.#prepare(
      `SELECT * FROM log_streams WHERE account = ? AND region = ? AND log_group = ?
         AND substr(name, 1, ?) = ? ORDER BY ${order}`,
    ).all(scope.accountId, scope.region, group, (options.prefix ?? '').length, options.prefix ?? '');
    return rows.map(toStream);
  }

  /** Appends events (already validated) to an existing stream; returns them with their ids. */
  appendEvents(
    scope: LogScope,
    group: string,
    stream: string,
    events: readonly { timestamp: number; message: string }[],
    ingestionTime: number,
  ): LogEventRecord[] {
    if (events.length === 0) return [];
    let id = this.appendRuns([{ scope, group, stream, events, ingestionTime }], false);
    return events.map((event) => ({ id: id++, logStreamName: stream, ingestionTime, ...event }));
  }

  /**
   * Appends runs of events in one transaction, in order, creating missing groups and streams
   * when `create` is set; returns each run's events with their ids. Each stream's statistics
   * are updated once, as if its runs had been appended one after another. Returns the first event's
   * id: the events take consecutive ids, in order.
   */
  appendRuns(runs: readonly EventRun[], create: boolean): number {
    const ensured: [string, StreamIds][] = [];
    const firstId = transaction(this.#db, () => {
      const streams = new Map<string, StreamGrowth>();
      const rows: (number | string)[] = [];
      for (const run of runs) {
        const { scope, group, stream, ingestionTime } = run;
        const key = run.key ?? streamKey(scope, group, stream);
        let growth = streams.get(key);
        if (!growth) {
          let ids = this.#knownStreams.get(key);
          if (!ids) {
            if (create) {
              this.createGroup(scope, group, ingestionTime);
              this.createStream(scope, group, stream, ingestionTime);
            }
            ids = this.#streamIds(scope, group, stream);
            ensured.push([key, ids]);
          }
          growth = {
            ids,
            bytes: 0,
            first: Number.POSITIVE_INFINITY,
            last: Number.NEGATIVE_INFINITY,
            ingestionTime,
          };
          streams.set(key, growth);
        }
        if (run.events.length > 0) growth.ingestionTime = ingestionTime;
        for (const event of run.events) {
          rows.push(growth.ids.groupId, growth.ids.streamId, event.timestamp, ingestionTime, event.message);
          growth.bytes += Buffer.byteLength(event.message) + 26;
          growth.first = Math.min(growth.first, event.timestamp);
          growth.last = Math.max(growth.last, event.timestamp);
        }
      }
      // The events take consecutive ids: the first statement's first row's.
      const inserted = this.#runBatch(INSERT_EVENTS, rows);
      const firstId = inserted ? Number(inserted.lastInsertRowid) - inserted.rows + 1 : 0;
      const growth: number[] = [];
      for (const { ids, first, last, ingestionTime, bytes } of streams.values()) {
        if (bytes > 0) growth.push(ids.streamId, first, last, ingestionTime, bytes);
      }
      this.#runBatch(GROW_STREAMS, growth);
      return firstId;
    });
    for (const [key, ids] of ensured) this.#knownStreams.set(key, ids);
    return firstId;
  }

  /**
   * Runs a batch statement over rows of values, in order, in as few statements as the powers of two
   * allow (a statement per row was most of a flush's cost: each insert also updates AUTOINCREMENT's
   * counter). Returns the first statement's result and row count; undefined for no rows.
   */
  #runBatch(
    batch: BatchSql,
    values: readonly (number | string)[],
  ): { lastInsertRowid: number | bigint; rows: number } | undefined {
    let statements = this.#batches.get(batch);
    if (!statements) this.#batches.set(batch, (statements = []));
    const count = values.length / VALUES_PER_ROW;
    let first: { lastInsertRowid: number | bigint; rows: number } | undefined;
    for (let row = 0; row < count; ) {
      const power = Math.min(Math.floor(Math.log2(count - row)), MAX_ROWS_POWER);
      const rows = 2 ** power;
      const params = values.slice(row * VALUES_PER_ROW, (row + rows) * VALUES_PER_ROW);
      const statement = (statements[power] ??= this.#db.prepare(batch(rows)));
      const { lastInsertRowid } = statement.run(...params);
      first ??= { lastInsertRowid, rows };
      row += rows;
    }
    return first;
  }

  /** An existing stream's ids (appending to a stream that does not exist is a caller's bug). */
  #streamIds(scope: LogScope, group: string, stream: string): StreamIds {
    const row = this.#prepare(
      `SELECT g.id AS group_id, s.id AS stream_id FROM log_groups g, log_streams s
         WHERE g.account = ?1 AND g.region = ?2 AND g.name = ?3
           AND s.account = ?1 AND s.region = ?2 AND s.log_group = ?3 AND s.name = ?4`,
    ).get(scope.accountId, scope.region, group, stream);
    if (!row) throw new Error(`logs: no log stream ${stream} in log group ${group}`);
    return { groupId: Number(row.group_id), streamId: Number(row.stream_id) };
  }

  /** Events of a group in (timestamp, id) order, filtered by streams, time and a cursor. */
  queryEvents(scope: LogScope, group: string, query: EventQuery): LogEventRecord[] {
    const groupRow = this.#prepare(
      'SELECT id FROM log_groups WHERE account = ? AND region = ? AND name = ?',
    ).get(scope.accountId, scope.region, group);
    if (!groupRow) return [];
    const where = ['e.group_id = ?'];
    const args: SQLInputValue[] = [Number(groupRow.id)];
    if (query.streams) {
      // One statement whatever the number of streams: they travel as a JSON array.
      where.push(`e.stream_id IN (SELECT s.id FROM log_streams s, json_each(?) j
        WHERE s.account = ? AND s.region = ? AND s.log_group = ? AND s.name = j.value)`);
      args.push(JSON.stringify(query.streams), scope.accountId, scope.region, group);
    }
    if (query.startTime !== undefined) {
      where.push('e.timestamp >= ?');
      args.push(query.startTime);
    }
    if (query.endTime !== undefined) {
      where.push(query.endInclusive ? 'e.timestamp <= ?' : 'e.timestamp < ?');
      args.push(query.endTime);
    }
    if (query.after) {
      where.push('(e.timestamp > ? OR (e.timestamp = ? AND e.id > ?))');
      args.push(query.after.timestamp, query.after.timestamp, query.after.id);
    }
    if (query.before) {
      where.push('(e.timestamp < ? OR (e.timestamp = ? AND e.id < ?))');
      args.push(query.before.timestamp, query.before.timestamp, query.before.id);
    }
    const direction = query.newestFirst ? 'DESC' : 'ASC';
    const rows = this.#prepare(
      // CROSS JOIN keeps log_events the outer loop, so the (group, time) index gives the order.
      `SELECT e.id, n.name AS log_stream, e.timestamp, e.ingestion_time, e.message
         FROM log_events e CROSS JOIN log_streams n ON n.id = e.stream_id
         WHERE ${where.join(' AND ')} ORDER BY e.timestamp ${direction}, e.id ${direction} LIMIT ?`,
    ).all(...args, query.limit);
    return rows.map((row) => ({
      id: Number(row.id),
      logStreamName: String(row.log_stream),
      timestamp: Number(row.timestamp),
      ingestionTime: Number(row.ingestion_time),
      message: String(row.message),
    }));
  }

  /** Drops events older than the group's retention (AWS expires them; reads never see them). */
  expireEvents(scope: LogScope, group: string, olderThan: number): void {
    this.#prepare(
      `DELETE FROM log_events WHERE timestamp < ?4 AND group_id =
         (SELECT id FROM log_groups WHERE account = ?1 AND region = ?2 AND name = ?3)`,
    ).run(scope.accountId, scope.region, group, olderThan);
  }
}

function toGroup(row: Record<string, unknown>): LogGroupRecord {
  return {
    name: String(row.name),
    creationTime: Number(row.created),
    retentionInDays: row.retention === null ? undefined : Number(row.retention),
    kmsKeyId: row.kms_key_id === null ? undefined : String(row.kms_key_id),
    storedBytes: Number(row.stored_bytes ?? 0),
  };
}

function toStream(row: Record<string, unknown>): LogStreamRecord {
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));
  return {
    name: String(row.name),
    creationTime: Number(row.created),
    firstEventTimestamp: optional(row.first_event),
    lastEventTimestamp: optional(row.last_event),
    lastIngestionTime: optional(row.last_ingestion),
    storedBytes: Number(row.stored_bytes ?? 0),
  };
}
