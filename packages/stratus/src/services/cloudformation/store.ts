import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { StackParameter } from '../../cloudformation/parameters.ts';
import type { Template } from '../../cloudformation/template.ts';
import { statementCache, transaction } from '../../state/storage.ts';

export interface StackOutput {
  readonly OutputKey: string;
  readonly OutputValue: string;
  readonly Description?: string;
  readonly ExportName?: string;
}

export interface StackRecord {
  readonly stackId: string;
  readonly accountId: string;
  readonly region: string;
  readonly stackName: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly description?: string;
  /** The template in force (after a rolled-back update: the previous one). */
  readonly template: Template;
  readonly templateBody: string;
  readonly parameters: readonly StackParameter[];
  readonly outputs: readonly StackOutput[];
  readonly tags: readonly { Key: string; Value: string }[];
  readonly capabilities: readonly string[];
  readonly disableRollback: boolean;
  readonly createdAt: number;
  readonly updatedAt?: number;
  readonly deletedAt?: number;
}

export interface ResourceRecord {
  readonly stackId: string;
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId?: string;
  readonly status: string;
  readonly statusReason?: string;
  /** The properties as the provider received them (intrinsics resolved). */
  readonly properties: Record<string, unknown>;
  readonly attributes: Record<string, unknown>;
  /** Logical ids this resource depends on (deletes run in the reverse order). */
  readonly dependsOn: readonly string[];
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  readonly metadata?: Record<string, unknown>;
  readonly updatedAt: number;
}

export interface EventRecord {
  readonly stackId: string;
  readonly stackName: string;
  readonly eventId: string;
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly properties?: string;
  readonly timestamp: number;
}

export interface ExportRecord {
  readonly name: string;
  readonly value: string;
  readonly stackId: string;
}

/** CloudFormation's state: stacks, their resources, events and exports (SQLite, per account and region). */
export class StackStore {
  readonly #db: DatabaseSync;
  /** Statements prepared once per instance, not on every call. */
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS stacks (
        stack_id TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0, record TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS stacks_by_name ON stacks (account, region, name, deleted);
      CREATE TABLE IF NOT EXISTS resources (
        stack_id TEXT NOT NULL, logical_id TEXT NOT NULL, physical_id TEXT, record TEXT NOT NULL,
        PRIMARY KEY (stack_id, logical_id));
      CREATE INDEX IF NOT EXISTS resources_by_physical_id ON resources (physical_id);
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, stack_id TEXT NOT NULL, record TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS events_by_stack ON events (stack_id, seq);
      CREATE TABLE IF NOT EXISTS exports (
        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
        stack_id TEXT NOT NULL, PRIMARY KEY (account, region, name));
      CREATE TABLE IF NOT EXISTS imports (
        stack_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        PRIMARY KEY (stack_id, name));
    `);
  }

  putStack(stack: StackRecord): void {
    this.#sql(
      'INSERT OR REPLACE INTO stacks (stack_id, account, region, name, deleted, record) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      stack.stackId,
      stack.accountId,
      stack.region,
      stack.stackName,
      stack.deletedAt ? 1 : 0,
      JSON.stringify(stack),
    );
  }

  /** Applies `patch` to a stored stack and returns the result. */
  updateStack(stackId: string, patch: Partial<StackRecord>): StackRecord {
    const stack = { ...this.getStack(stackId)!, ...patch };
    this.putStack(stack);
    return stack;
  }

  getStack(stackId: string): StackRecord | undefined {
    const row = this.#sql('SELECT record FROM stacks WHERE stack_id = ?').get(stackId);
    return row ? (JSON.parse(String(row.record)) as StackRecord) : undefined;
  }

  /** A live stack by name, or any stack (deleted ones included) by its id, as AWS looks them up. */
  findStack(accountId: string, region: string, nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) {
      const stack = this.getStack(nameOrId);
      return stack && stack.accountId === accountId && stack.region === region ? stack : undefined;
    }
    const row = this.#sql(
      'SELECT record FROM stacks WHERE account = ? AND region = ? AND name = ? AND deleted = 0',
    ).get(accountId, region, nameOrId);
    return row ? (JSON.parse(String(row.record)) as StackRecord) : undefined;
  }

  /** Every stack of the region, deleted ones included, oldest first. */
  listStacks(accountId: string, region: string): StackRecord[] {
    return this.#sql('SELECT record FROM stacks WHERE account = ? AND region = ? ORDER BY rowid')
      .all(accountId, region)
      .map((row) => JSON.parse(String(row.record)) as StackRecord);
  }

  /** Stacks of every region whose operation was cut short (the instance stopped mid-deploy). */
  stacksInProgress(): StackRecord[] {
    return this.#sql('SELECT record FROM stacks WHERE deleted = 0')
      .all()
      .map((row) => JSON.parse(String(row.record)) as StackRecord)
      .filter((stack) => stack.status.endsWith('_IN_PROGRESS'));
  }

  putResource(resource: ResourceRecord): void {
    this.#sql(
      'INSERT OR REPLACE INTO resources (stack_id, logical_id, physical_id, record) VALUES (?, ?, ?, ?)',
    ).run(resource.stackId, resource.logicalId, resource.physicalId ?? null, JSON.stringify(resource));
  }

  deleteResource(stackId: string, logicalId: string): void {
    this.#sql('DELETE FROM resources WHERE stack_id = ? AND logical_id = ?').run(stackId, logicalId);
  }

  getResource(stackId: string, logicalId: string): ResourceRecord | undefined {
    const row = this.#sql('SELECT record FROM resources WHERE stack_id = ? AND logical_id = ?').get(
      stackId,
      logicalId,
    );
    return row ? (JSON.parse(String(row.record)) as ResourceRecord) : undefined;
  }

  listResources(stackId: string): ResourceRecord[] {
    return this.#sql('SELECT record FROM resources WHERE stack_id = ? ORDER BY rowid')
      .all(stackId)
      .map((row) => JSON.parse(String(row.record)) as ResourceRecord);
  }

  /** The live stacks' resources with this physical id (DescribeStackResources by PhysicalResourceId). */
  findResourcesByPhysicalId(physicalId: string): ResourceRecord[] {
    return this.#sql('SELECT record FROM resources WHERE physical_id = ?')
      .all(physicalId)
      .map((row) => JSON.parse(String(row.record)) as ResourceRecord);
  }

  addEvent(event: EventRecord): void {
    this.#sql('INSERT INTO events (stack_id, record) VALUES (?, ?)').run(
      event.stackId,
      JSON.stringify(event),
    );
  }

  /** A stack's events, newest first (as DescribeStackEvents lists them). */
  listEvents(stackId: string): EventRecord[] {
    return this.#sql('SELECT record FROM events WHERE stack_id = ? ORDER BY seq DESC')
      .all(stackId)
      .map((row) => JSON.parse(String(row.record)) as EventRecord);
  }

  getExport(accountId: string, region: string, name: string): ExportRecord | undefined {
    const row = this.#sql(
      'SELECT name, value, stack_id FROM exports WHERE account = ? AND region = ? AND name = ?',
    ).get(accountId, region, name);
    return row
      ? { name: String(row.name), value: String(row.value), stackId: String(row.stack_id) }
      : undefined;
  }

  listExports(accountId: string, region: string): ExportRecord[] {
    return this.#sql(
      'SELECT name, value, stack_id FROM exports WHERE account = ? AND region = ? ORDER BY name',
    )
      .all(accountId, region)
      .map((row) => ({ name: String(row.name), value: String(row.value), stackId: String(row.stack_id) }));
  }

  /** Replaces a stack's exports and the names it imports, at once. */
  setExportsAndImports(
    stack: StackRecord,
    exports: readonly ExportRecord[],
    imports: readonly string[],
  ): void {
    transaction(this.#db, () => {
      this.#sql('DELETE FROM exports WHERE stack_id = ?').run(stack.stackId);
      this.#sql('DELETE FROM imports WHERE stack_id = ?').run(stack.stackId);
      const putExport = this.#sql(
        'INSERT INTO exports (account, region, name, value, stack_id) VALUES (?, ?, ?, ?, ?)',
      );
      for (const item of exports)
        putExport.run(stack.accountId, stack.region, item.name, item.value, stack.stackId);
      const putImport = this.#sql(
        'INSERT OR IGNORE INTO imports (stack_id, account, region, name) VALUES (?, ?, ?, ?)',
      );
      for (const name of imports) putImport.run(stack.stackId, stack.accountId, stack.region, name);
    });
  }

  /** Names of the live stacks, other than `exceptStackId`, that import `name`. */
  importers(accountId: string, region: string, name: string, exceptStackId: string): string[] {
    return this.#sql(
      `SELECT s.name FROM imports i JOIN stacks s ON s.stack_id = i.stack_id
         WHERE i.account = ? AND i.region = ? AND i.name = ? AND i.stack_id != ? AND s.deleted = 0 ORDER BY s.name`,
    )
      .all(accountId, region, name, exceptStackId)
      .map((row) => String(row.name));
  }
}
