import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

/** DynamoDB: tables and items on SQLite. STUB: being written. */
export class DynamoDbService implements AwsService {
  readonly name = 'dynamodb';
  readonly model = loadModel('dynamodb');
  readonly deps: ServiceDeps;
  readonly operations: Record<string, Operation> = {};

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }
}
