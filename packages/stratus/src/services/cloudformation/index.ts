import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';
import type { SsmService } from '../ssm/index.ts';

export interface CloudFormationDeps extends ServiceDeps {
  /** Every registered resource provider by resource type. */
  readonly providers: () => ReadonlyMap<string, ResourceProvider>;
  readonly ssm: SsmService;
}

/** CloudFormation: the stack API over the engine in src/cloudformation. STUB: to be written. */
export class CloudFormationService implements AwsService {
  readonly name = 'cloudformation';
  readonly model = loadModel('cloudformation');
  readonly operations: Record<string, Operation> = {};
  readonly deps: CloudFormationDeps;

  constructor(deps: CloudFormationDeps) {
    this.deps = deps;
  }
}
