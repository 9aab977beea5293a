import type { LambdaInvoker } from '../../integration/lambda.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, ServiceDeps } from '../service.ts';

export interface ApiGatewayDeps extends ServiceDeps {
  readonly lambda: LambdaInvoker;
}

/** API Gateway REST APIs (v1): the control plane and the invoke URLs. STUB: to be written. */
export class ApiGatewayService implements AwsService {
  readonly name = 'apigateway';
  readonly model = loadModel('apigateway');
  readonly operations: Record<string, Operation> = {};
  readonly deps: ApiGatewayDeps;

  constructor(deps: ApiGatewayDeps) {
    this.deps = deps;
  }
}
