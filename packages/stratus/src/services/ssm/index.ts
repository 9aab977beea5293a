import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

/** SSM Parameter Store (CDK's bootstrap version parameter lives here). STUB: to be written. */
export class SsmService implements AwsService {
  readonly name = 'ssm';
  readonly model = loadModel('ssm');
  readonly operations: Record<string, Operation> = {};
  readonly deps: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }
}
