import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';
import { dynamoDbTableProvider } from './cfn/dynamodb-table.ts';
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
import { transactGetItems } from './operations/transact-get-items.ts';
import { transactWriteItems } from './operations/transact-write-items.ts';
import { updateItem } from './operations/update-item.ts';
import { DynamoStore } from './store.ts';

/** DynamoDB: tables and items on SQLite, one database per region, keys ordered as DynamoDB orders them. */
export class DynamoDbService implements AwsService {
  readonly name = 'dynamodb';
  readonly model = loadModel('dynamodb');
  readonly deps: ServiceDeps;
  readonly store: DynamoStore;
  readonly operations: Record<string, Operation>;
  readonly providers: Record<string, ResourceProvider>;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.store = new DynamoStore(deps.storage);
    const store = this.store;
    this.operations = {
      CreateTable: (input, ctx) => createTable(store, input, ctx, deps.clock.now()),
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
    this.providers = { 'AWS::DynamoDB::Table': dynamoDbTableProvider(this) };
  }
}
