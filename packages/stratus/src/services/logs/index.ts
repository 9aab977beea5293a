import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

/** CloudWatch Logs: log groups, streams and events (Lambda's console output lands here). STUB: to be written. */
export class LogsService implements AwsService {
  readonly name = 'logs';
  readonly model = loadModel('logs');
  readonly operations: Record<string, Operation> = {};
  readonly deps: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }
}
