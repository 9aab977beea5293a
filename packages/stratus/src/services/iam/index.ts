import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

/** IAM: roles and policies from templates. STUB: to be written. */
export class IamService implements AwsService {
  readonly name = 'iam';
  readonly model = loadModel('iam');
  readonly operations: Record<string, Operation> = {};
  readonly deps: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }
}
