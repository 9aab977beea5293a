import type { LambdaInvoker } from '../../integration/lambda.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { IamService } from '../iam/index.ts';
import type { LogsService } from '../logs/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

export interface LambdaDeps extends ServiceDeps {
  readonly logs: LogsService;
  readonly iam: IamService;
  readonly accountConcurrency: number;
}

/** Lambda: functions run in worker threads. STUB: to be written. */
export class LambdaService implements AwsService {
  readonly name = 'lambda';
  readonly model = loadModel('lambda');
  readonly operations: Record<string, Operation> = {};
  readonly invoker: LambdaInvoker = {
    invoke: async () => {
      throw new Error('lambda: not written yet');
    },
  };
  readonly deps: LambdaDeps;

  constructor(deps: LambdaDeps) {
    this.deps = deps;
  }
}
