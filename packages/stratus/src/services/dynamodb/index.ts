import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';
import { dynamoDbAuthorization } from './authorization.ts';
import { dynamoDbGlobalTableProvider } from './cfn/dynamodb-global-table.ts';
import { dynamoDbTableProvider } from './cfn/dynamodb-table.ts';
import { Replicator } from './global-tables.ts';
import { describeEndpoints, describeLimits } from './operations/account.ts';
import { batchGetItem } from './operations/batch-get-item.ts';
import { batchWriteItem } from './operations/batch-write-item.ts';
import { createTable } from './operations/create-table.ts';
import { deleteItem } from './operations/delete-item.ts';
import { deleteTable } from './operations/delete-table.ts';
import { describeTableOperation } from './operations/describe-table.ts';
import { getItem } from './operations/get-item.ts';
import { listTables } from './operations/list-tables.ts';
import { putItem } from './operations/put-item.ts';
import { query } from './operations/query.ts';
import { scan } from './operations/scan.ts';
import { listTagsOfResource, tagResource, untagResource } from './operations/tags.ts';
import { describeTimeToLive, updateTimeToLive } from './operations/time-to-live.ts';
import { transactGetItems } from './operations/transact-get-items.ts';
import { transactWriteItems } from './operations/transact-write-items.ts';
import { updateItem } from './operations/update-item.ts';
import { updateTable } from './operations/update-table.ts';
import { dynamoDbRequestIds } from './request-id.ts';
import { DynamoStore } from './store.ts';
import { StreamSubscriptions } from './streams/subscriptions.ts';
import { Sweeper } from './sweeper.ts';
import { ThroughputMeter } from './throughput.ts';

/** The data-plane operations that consume (and may exceed) provisioned throughput. */
const METERED = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
];

/** DynamoDB: tables and items on SQLite, one database per region, keys ordered as DynamoDB orders them. */
export class DynamoDbService implements AwsService {
  readonly name = 'dynamodb';
  readonly model = loadModel('dynamodb');
  readonly deps: ServiceDeps;
  readonly store: DynamoStore;
  readonly operations: Record<string, Operation>;
  readonly providers: Record<string, ResourceProvider>;
  readonly authorize: NonNullable<AwsService['authorize']>;
  readonly newRequestId = dynamoDbRequestIds();
  /** In-process stream consumers (Lambda's event-source mapping): see streams/subscriptions.ts. */
  readonly streams: StreamSubscriptions;
  readonly #sweeper: Sweeper;
  /** Replication among a global table's replicas (AWS::DynamoDB::GlobalTable). */
  readonly replicator: Replicator;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.store = new DynamoStore(
      deps.storage,
      () => deps.clock.now(),
      (region, arn) => this.streams.notify(region, arn),
    );
    const store = this.store;
    this.streams = new StreamSubscriptions(store.streams, deps.clock);
    this.authorize = dynamoDbAuthorization(store);
    this.#sweeper = new Sweeper(store, deps.clock, deps.logger);
    this.replicator = new Replicator(deps.storage, store, this.streams, deps.logger);
    this.operations = {
      CreateTable: (input, ctx) => createTable(store, input, ctx, deps.clock.now()),
      UpdateTable: (input, ctx) => updateTable(store, input, ctx, deps.clock.now()),
      DescribeTimeToLive: (input, ctx) => describeTimeToLive(store, input, ctx),
      UpdateTimeToLive: (input, ctx) => updateTimeToLive(store, input, ctx),
      TagResource: (input, ctx) => tagResource(store, input, ctx),
      UntagResource: (input, ctx) => untagResource(store, input, ctx),
      ListTagsOfResource: (input, ctx) => listTagsOfResource(store, input, ctx),
      DescribeEndpoints: () => describeEndpoints(deps.endpoint()),
      DescribeLimits: () => describeLimits(),
      DescribeTable: (input, ctx) => describeTableOperation(store, input, ctx),
      ListTables: (input, ctx) => listTables(store, input, ctx),
      DeleteTable: (input, ctx) => deleteTable(store, input, ctx),
      PutItem: (input, ctx) => putItem(store, input, ctx),
      GetItem: (input, ctx) => getItem(store, input, ctx),
      DeleteItem: (input, ctx) => deleteItem(store, input, ctx),
      UpdateItem: (input, ctx) => updateItem(store, input, ctx),
      Query: (input, ctx) => query(store, input, ctx),
      Scan: (input, ctx) => scan(store, input, ctx),
      BatchWriteItem: (input, ctx) => batchWriteItem(store, input, ctx),
      BatchGetItem: (input, ctx) => batchGetItem(store, input, ctx),
      TransactWriteItems: (input, ctx) => transactWriteItems(store, input, ctx, deps.clock.now()),
      TransactGetItems: (input, ctx) => transactGetItems(store, input, ctx),
    };
    const meter = new ThroughputMeter(store, () => deps.clock.now());
    for (const name of METERED) this.operations[name] = meter.metered(name, this.operations[name]);
    this.providers = {
      'AWS::DynamoDB::Table': dynamoDbTableProvider(this),
      'AWS::DynamoDB::GlobalTable': dynamoDbGlobalTableProvider(this),
    };
  }

  start(): void {
    this.#sweeper.start();
    this.replicator.start();
  }

  stop(): void {
    this.#sweeper.stop();
    this.replicator.stop();
    this.streams.stop();
  }
}
