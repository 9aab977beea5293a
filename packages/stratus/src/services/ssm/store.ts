import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from '../../state/storage.ts';

export interface ParameterRecord {
  readonly name: string;
  readonly type: 'String' | 'StringList' | 'SecureString';
  readonly value: string;
  readonly version: number;
  readonly description?: string;
  readonly allowedPattern?: string;
  readonly tier: string;
  readonly dataType: string;
  readonly lastModified: number;
}

/** The version of CDK's bootstrap stack every region starts with (what the installed CDK CLI's template writes). */
export const CDK_BOOTSTRAP_VERSION = '27';
export const CDK_BOOTSTRAP_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/**
 * Parameter Store state, per account and region. Each region starts bootstrapped for CDK
 * (`/cdk-bootstrap/hnb659fds/version`), seeded once on first use so a deleted value stays deleted.
 */
export class ParameterStore {
  /** Statements prepared once per instance, not on every call. */
  readonly #sql: (sql: string) => StatementSync;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number) {
    this.#sql = statementCache(db);
    this.#now = now;
    db.exec(`
      CREATE TABLE IF NOT EXISTS parameters (
        account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, record TEXT NOT NULL,
        PRIMARY KEY (account, region, name));
      CREATE TABLE IF NOT EXISTS seeded_regions (account TEXT NOT NULL, region TEXT NOT NULL, PRIMARY KEY (account, region));
    `);
  }

  get(account: string, region: string, name: string): ParameterRecord | undefined {
    this.#seed(account, region);
    const row = this.#sql('SELECT record FROM parameters WHERE account = ? AND region = ? AND name = ?').get(
      account,
      region,
      name,
    );
    return row ? (JSON.parse(String(row.record)) as ParameterRecord) : undefined;
  }

  put(account: string, region: string, record: ParameterRecord): void {
    this.#seed(account, region);
    this.#sql('INSERT OR REPLACE INTO parameters (account, region, name, record) VALUES (?, ?, ?, ?)').run(
      account,
      region,
      record.name,
      JSON.stringify(record),
    );
  }

  delete(account: string, region: string, name: string): boolean {
    this.#seed(account, region);
    const result = this.#sql('DELETE FROM parameters WHERE account = ? AND region = ? AND name = ?').run(
      account,
      region,
      name,
    );
    return Number(result.changes) > 0;
  }

  #seed(account: string, region: string): void {
    const seeded = this.#sql('INSERT OR IGNORE INTO seeded_regions (account, region) VALUES (?, ?)').run(
      account,
      region,
    );
    if (Number(seeded.changes) === 0) return;
    const record: ParameterRecord = {
      name: CDK_BOOTSTRAP_PARAMETER,
      type: 'String',
      value: CDK_BOOTSTRAP_VERSION,
      version: 1,
      tier: 'Standard',
      dataType: 'text',
      lastModified: this.#now(),
    };
    this.#sql('INSERT OR IGNORE INTO parameters (account, region, name, record) VALUES (?, ?, ?, ?)').run(
      account,
      region,
      record.name,
      JSON.stringify(record),
    );
  }
}

/** The ARN of a parameter (`/a/b` → `…:parameter/a/b`, `a` → `…:parameter/a`). */
export function parameterArn(account: string, region: string, name: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}
