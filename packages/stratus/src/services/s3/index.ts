import type { LambdaInvoker } from '../../integration/lambda.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

export interface S3Deps extends ServiceDeps {
  readonly lambda: LambdaInvoker;
}

/** S3: buckets and objects, bodies as files, metadata in SQLite. STUB: being written. */
export class S3Service implements AwsService {
  readonly name = 's3';
  readonly model = loadModel('s3');
  readonly deps: S3Deps;
  readonly operations: Record<string, Operation> = {};

  constructor(deps: S3Deps) {
    this.deps = deps;
  }
}
