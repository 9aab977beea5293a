import type { ResourceProvider } from '../../cloudformation/provider.ts';
import type { LambdaInvoker } from '../../integration/lambda.ts';
import { loadModel } from '../../protocol/models/index.ts';
import type { AwsService, Operation, RawRoute, RequestContext, ServiceDeps } from '../service.ts';
import { accountProvider } from './cfn/account.ts';
import { deploymentProvider } from './cfn/deployment.ts';
import { methodProvider } from './cfn/method.ts';
import { resourceProvider } from './cfn/resource.ts';
import { restApiProvider } from './cfn/rest-api.ts';
import { stageProvider } from './cfn/stage.ts';
import { RestApiInvoker } from './invoke/invoker.ts';
import { invokeRoute } from './invoke/route.ts';
import { createDeployment } from './operations/create-deployment.ts';
import { createResource } from './operations/create-resource.ts';
import { createRestApi } from './operations/create-rest-api.ts';
import { createStage } from './operations/create-stage.ts';
import { deleteDeployment } from './operations/delete-deployment.ts';
import { deleteIntegration } from './operations/delete-integration.ts';
import { deleteMethod } from './operations/delete-method.ts';
import { deleteResource } from './operations/delete-resource.ts';
import { deleteRestApi } from './operations/delete-rest-api.ts';
import { deleteStage } from './operations/delete-stage.ts';
import { getAccount } from './operations/get-account.ts';
import { getDeployment } from './operations/get-deployment.ts';
import { getDeployments } from './operations/get-deployments.ts';
import { getIntegration } from './operations/get-integration.ts';
import { getIntegrationResponse } from './operations/get-integration-response.ts';
import { getMethod } from './operations/get-method.ts';
import { getMethodResponse } from './operations/get-method-response.ts';
import { getResource } from './operations/get-resource.ts';
import { getResources } from './operations/get-resources.ts';
import { getRestApi } from './operations/get-rest-api.ts';
import { getRestApis } from './operations/get-rest-apis.ts';
import { getStage } from './operations/get-stage.ts';
import { getStages } from './operations/get-stages.ts';
import { putIntegration } from './operations/put-integration.ts';
import { putIntegrationResponse } from './operations/put-integration-response.ts';
import { putMethod } from './operations/put-method.ts';
import { putMethodResponse } from './operations/put-method-response.ts';
import { updateAccount } from './operations/update-account.ts';
import { updateRestApi } from './operations/update-rest-api.ts';
import { updateStage } from './operations/update-stage.ts';
import type { ApiGatewayState } from './state.ts';
import { ApiGatewayStore } from './store.ts';

export interface ApiGatewayDeps extends ServiceDeps {
  readonly lambda: LambdaInvoker;
}

/** An operation as written in operations/: the service state, the typed input, the caller's scope. */
type StateOperation = (state: ApiGatewayState, input: any, ctx: RequestContext) => unknown;

const OPERATIONS: Record<string, StateOperation> = {
  CreateRestApi: createRestApi,
  GetRestApi: getRestApi,
  GetRestApis: getRestApis,
  UpdateRestApi: updateRestApi,
  DeleteRestApi: deleteRestApi,
  GetResources: getResources,
  GetResource: getResource,
  CreateResource: createResource,
  DeleteResource: deleteResource,
  PutMethod: putMethod,
  GetMethod: getMethod,
  DeleteMethod: deleteMethod,
  PutIntegration: putIntegration,
  GetIntegration: getIntegration,
  DeleteIntegration: deleteIntegration,
  PutMethodResponse: putMethodResponse,
  GetMethodResponse: getMethodResponse,
  PutIntegrationResponse: putIntegrationResponse,
  GetIntegrationResponse: getIntegrationResponse,
  CreateDeployment: createDeployment,
  GetDeployment: getDeployment,
  GetDeployments: getDeployments,
  DeleteDeployment: deleteDeployment,
  CreateStage: createStage,
  GetStage: getStage,
  GetStages: getStages,
  UpdateStage: updateStage,
  DeleteStage: deleteStage,
  GetAccount: getAccount,
  UpdateAccount: updateAccount,
};

/** API Gateway REST APIs (v1): the control plane, the CloudFormation providers and the invoke URLs. */
export class ApiGatewayService implements AwsService {
  readonly name = 'apigateway';
  readonly model = loadModel('apigateway');
  readonly operations: Record<string, Operation>;
  readonly routes: readonly RawRoute[];
  readonly providers: Readonly<Record<string, ResourceProvider>>;
  readonly deps: ApiGatewayDeps;
  readonly state: ApiGatewayState;

  constructor(deps: ApiGatewayDeps) {
    this.deps = deps;
    const state: ApiGatewayState = {
      store: new ApiGatewayStore(deps.storage.database('apigateway')),
      clock: deps.clock,
    };
    this.state = state;
    this.operations = Object.fromEntries(
      Object.entries(OPERATIONS).map(([name, run]) => [
        name,
        (input: any, ctx: RequestContext) => run(state, input, ctx),
      ]),
    );
    const invoker = new RestApiInvoker({
      store: state.store,
      clock: deps.clock,
      lambda: deps.lambda,
      logger: deps.logger,
    });
    this.routes = [invokeRoute(invoker)];
    this.providers = {
      'AWS::ApiGateway::RestApi': restApiProvider(state),
      'AWS::ApiGateway::Resource': resourceProvider(state),
      'AWS::ApiGateway::Method': methodProvider(state),
      'AWS::ApiGateway::Deployment': deploymentProvider(state),
      'AWS::ApiGateway::Stage': stageProvider(state),
      'AWS::ApiGateway::Account': accountProvider(state),
    };
  }
}
