import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { statementCache } from '../../state/storage.ts';
import type {
  Account,
  Deployment,
  DeploymentSnapshot,
  GatewayResponse,
  Resource,
  RestApi,
  Stage,
} from './shapes.ts';

/** Who owns a piece of state: every API lives in one account and one region. */
export interface Scope {
  readonly accountId: string;
  readonly region: string;
}

/** Where an API lives, found from its id alone (host-style invoke URLs carry no region). */
export interface LocatedApi extends Scope {
  readonly api: RestApi;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rest_apis (
  id TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rest_apis_scope ON rest_apis (account, region);
CREATE TABLE IF NOT EXISTS resources (
  api_id TEXT NOT NULL REFERENCES rest_apis (id) ON DELETE CASCADE,
  id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (api_id, id));
CREATE TABLE IF NOT EXISTS deployments (
  api_id TEXT NOT NULL REFERENCES rest_apis (id) ON DELETE CASCADE,
  id TEXT NOT NULL, doc TEXT NOT NULL, snapshot TEXT NOT NULL, PRIMARY KEY (api_id, id));
CREATE TABLE IF NOT EXISTS stages (
  api_id TEXT NOT NULL REFERENCES rest_apis (id) ON DELETE CASCADE,
  name TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (api_id, name));
CREATE TABLE IF NOT EXISTS gateway_responses (
  api_id TEXT NOT NULL REFERENCES rest_apis (id) ON DELETE CASCADE,
  type TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (api_id, type));
CREATE TABLE IF NOT EXISTS accounts (
  account TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account, region));
`;

/** API Gateway's state in SQLite: one JSON document per API, resource, deployment and stage. */
export class ApiGatewayStore {
  readonly #db: DatabaseSync;
  readonly #sql: (sql: string) => StatementSync;
  #writes = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(db);
    db.exec(SCHEMA);
  }

  get db(): DatabaseSync {
    return this.#db;
  }

  /**
   * Moves with every write of an API, resource, deployment, stage, gateway response or account
   * (a rolled-back one too): whoever keeps documents read from here starts over when it has moved.
   */
  get writes(): number {
    return this.#writes;
  }

  /** A write statement: every write goes through here, so `writes` moves with it. */
  #write(sql: string): StatementSync {
    this.#writes++;
    return this.#sql(sql);
  }

  insertApi(scope: Scope, api: RestApi): void {
    this.#write('INSERT INTO rest_apis (id, account, region, doc) VALUES (?, ?, ?, ?)').run(
      api.id,
      scope.accountId,
      scope.region,
      encode(api),
    );
  }

  updateApi(api: RestApi): void {
    this.#write('UPDATE rest_apis SET doc = ? WHERE id = ?').run(encode(api), api.id);
  }

  getApi(scope: Scope, id: string): RestApi | undefined {
    const row = this.#sql('SELECT doc FROM rest_apis WHERE id = ? AND account = ? AND region = ?').get(
      id,
      scope.accountId,
      scope.region,
    );
    return row ? decode<RestApi>(row.doc) : undefined;
  }

  /** The API with this id in any region of any account. */
  locateApi(id: string): LocatedApi | undefined {
    const row = this.#sql('SELECT account, region, doc FROM rest_apis WHERE id = ?').get(id);
    if (!row) return undefined;
    return { accountId: String(row.account), region: String(row.region), api: decode<RestApi>(row.doc) };
  }

  listApis(scope: Scope): RestApi[] {
    return this.#sql('SELECT doc FROM rest_apis WHERE account = ? AND region = ? ORDER BY rowid')
      .all(scope.accountId, scope.region)
      .map((row) => decode<RestApi>(row.doc));
  }

  deleteApi(id: string): void {
    this.#write('DELETE FROM rest_apis WHERE id = ?').run(id);
  }

  putResource(apiId: string, resource: Resource): void {
    this.#write('INSERT OR REPLACE INTO resources (api_id, id, doc) VALUES (?, ?, ?)').run(
      apiId,
      resource.id,
      encode(resource),
    );
  }

  getResource(apiId: string, id: string): Resource | undefined {
    const row = this.#sql('SELECT doc FROM resources WHERE api_id = ? AND id = ?').get(apiId, id);
    return row ? decode<Resource>(row.doc) : undefined;
  }

  listResources(apiId: string): Resource[] {
    return this.#sql('SELECT doc FROM resources WHERE api_id = ? ORDER BY rowid')
      .all(apiId)
      .map((row) => decode<Resource>(row.doc));
  }

  deleteResource(apiId: string, id: string): void {
    this.#write('DELETE FROM resources WHERE api_id = ? AND id = ?').run(apiId, id);
  }

  insertDeployment(apiId: string, deployment: Deployment, snapshot: DeploymentSnapshot): void {
    this.#write('INSERT INTO deployments (api_id, id, doc, snapshot) VALUES (?, ?, ?, ?)').run(
      apiId,
      deployment.id,
      encode(deployment),
      JSON.stringify(snapshot),
    );
  }

  getDeployment(apiId: string, id: string): Deployment | undefined {
    const row = this.#sql('SELECT doc FROM deployments WHERE api_id = ? AND id = ?').get(apiId, id);
    return row ? decode<Deployment>(row.doc) : undefined;
  }

  getSnapshot(apiId: string, id: string): DeploymentSnapshot | undefined {
    const row = this.#sql('SELECT snapshot FROM deployments WHERE api_id = ? AND id = ?').get(apiId, id);
    return row ? (JSON.parse(String(row.snapshot)) as DeploymentSnapshot) : undefined;
  }

  listDeployments(apiId: string): Deployment[] {
    return this.#sql('SELECT doc FROM deployments WHERE api_id = ? ORDER BY rowid')
      .all(apiId)
      .map((row) => decode<Deployment>(row.doc));
  }

  deleteDeployment(apiId: string, id: string): void {
    this.#write('DELETE FROM deployments WHERE api_id = ? AND id = ?').run(apiId, id);
  }

  putStage(apiId: string, stage: Stage): void {
    this.#write('INSERT OR REPLACE INTO stages (api_id, name, doc) VALUES (?, ?, ?)').run(
      apiId,
      stage.stageName,
      encode(stage),
    );
  }

  getStage(apiId: string, name: string): Stage | undefined {
    const row = this.#sql('SELECT doc FROM stages WHERE api_id = ? AND name = ?').get(apiId, name);
    return row ? decode<Stage>(row.doc) : undefined;
  }

  listStages(apiId: string): Stage[] {
    return this.#sql('SELECT doc FROM stages WHERE api_id = ? ORDER BY rowid')
      .all(apiId)
      .map((row) => decode<Stage>(row.doc));
  }

  deleteStage(apiId: string, name: string): void {
    this.#write('DELETE FROM stages WHERE api_id = ? AND name = ?').run(apiId, name);
  }

  putGatewayResponse(apiId: string, response: GatewayResponse): void {
    this.#write('INSERT OR REPLACE INTO gateway_responses (api_id, type, doc) VALUES (?, ?, ?)').run(
      apiId,
      response.responseType,
      encode(response),
    );
  }

  /** The API's customized gateway response of this type, if it has one. */
  getGatewayResponse(apiId: string, type: string): GatewayResponse | undefined {
    const row = this.#sql('SELECT doc FROM gateway_responses WHERE api_id = ? AND type = ?').get(apiId, type);
    return row ? decode<GatewayResponse>(row.doc) : undefined;
  }

  /** The API's customized gateway responses. */
  listGatewayResponses(apiId: string): GatewayResponse[] {
    const rows = this.#sql('SELECT doc FROM gateway_responses WHERE api_id = ? ORDER BY type').all(apiId);
    return rows.map((row) => decode<GatewayResponse>(row.doc));
  }

  deleteGatewayResponse(apiId: string, type: string): void {
    this.#write('DELETE FROM gateway_responses WHERE api_id = ? AND type = ?').run(apiId, type);
  }

  getAccount(scope: Scope): Account | undefined {
    const row = this.#sql('SELECT doc FROM accounts WHERE account = ? AND region = ?').get(
      scope.accountId,
      scope.region,
    );
    return row ? decode<Account>(row.doc) : undefined;
  }

  putAccount(scope: Scope, account: Account): void {
    this.#write('INSERT OR REPLACE INTO accounts (account, region, doc) VALUES (?, ?, ?)').run(
      scope.accountId,
      scope.region,
      encode(account),
    );
  }
}

const DATE_KEYS = new Set(['createdDate', 'lastUpdatedDate']);

function encode(doc: object): string {
  return JSON.stringify(doc);
}

/** Parses a stored document, turning its ISO timestamps back into Dates. */
function decode<T>(text: unknown): T {
  return JSON.parse(String(text), (key, value) =>
    DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as T;
}
