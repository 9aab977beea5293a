/**
 * The API Gateway shapes this service stores and returns: AWS's generated model types
 * (apigateway 2015-07-09), with the members Stratus always fills made required. Timestamps are
 * Dates; the protocol layer serializes them.
 */
import type * as Model from '../../protocol/models/types/apigateway.ts';

/**
 * A model shape as Stratus stores it: the members `K` always present, and enum members as plain
 * strings, since CloudFormation providers store what a template gives (only API calls are checked
 * against the model's enums).
 */
type Stored<T, K extends keyof T> = { [P in Exclude<keyof T, K>]?: Loose<T[P]> } & {
  [P in K]-?: Loose<NonNullable<T[P]>>;
};

/** `V` with its string enums (deeply) widened to string. */
type Loose<V> = V extends string
  ? string
  : V extends Date
    ? V
    : V extends object
      ? { [P in keyof V]: Loose<V[P]> }
      : V;

/** An operation's input: the model's request, enum members as plain strings (providers pass templates' values). */
export type Input<T> = Loose<T>;

export type StringMap = Record<string, string>;
export type RestApi = Stored<
  Omit<Model.RestApi, 'endpointConfiguration'>,
  'id' | 'name' | 'createdDate' | 'apiKeySource' | 'disableExecuteApiEndpoint'
> & { endpointConfiguration: Stored<Model.EndpointConfiguration, 'types'>; rootResourceId: string };
export type IntegrationResponse = Stored<Model.IntegrationResponse, 'statusCode'>;
export type Integration = Stored<
  Omit<Model.Integration, 'integrationResponses'>,
  'type' | 'timeoutInMillis'
> & {
  integrationResponses?: Record<string, IntegrationResponse>;
};
export type MethodResponse = Stored<Model.MethodResponse, 'statusCode'>;
export type Method = Stored<
  Omit<Model.Method, 'methodIntegration' | 'methodResponses'>,
  'httpMethod' | 'authorizationType' | 'apiKeyRequired'
> & { methodIntegration?: Integration; methodResponses?: Record<string, MethodResponse> };
export type Resource = Stored<Omit<Model.Resource, 'resourceMethods'>, 'id' | 'path'> & {
  resourceMethods?: Record<string, Method>;
};
export type Deployment = Stored<Model.Deployment, 'id' | 'createdDate'>;
export type MethodSetting = Stored<Model.MethodSetting, keyof Model.MethodSetting>;
export type Stage = Stored<
  Omit<Model.Stage, 'methodSettings'>,
  | 'deploymentId'
  | 'stageName'
  | 'cacheClusterEnabled'
  | 'cacheClusterStatus'
  | 'tracingEnabled'
  | 'createdDate'
  | 'lastUpdatedDate'
> & { methodSettings: Record<string, MethodSetting> };
export type Account = Stored<Model.Account, 'throttleSettings' | 'features' | 'apiKeyVersion'>;
export type PatchOperation = Stored<Model.PatchOperation, 'op' | 'path'>;
export type Authorizer = Stored<Model.Authorizer, 'id' | 'name' | 'type'>;
export type ApiKey = Stored<
  Model.ApiKey,
  'id' | 'value' | 'name' | 'enabled' | 'createdDate' | 'lastUpdatedDate' | 'stageKeys'
>;
export type ThrottleSettings = Model.ThrottleSettings;
export type QuotaSettings = Stored<Model.QuotaSettings, never>;
export type ApiStage = Model.ApiStage;
export type UsagePlan = Stored<Omit<Model.UsagePlan, 'quota'>, 'id' | 'name' | 'apiStages'> & {
  quota?: QuotaSettings;
};
export type UsagePlanKey = Stored<Model.UsagePlanKey, 'id' | 'type' | 'value' | 'name'>;
/** A customized answer API Gateway gives itself (UNAUTHORIZED, DEFAULT_4XX, …). */
export type GatewayResponse = Stored<Model.GatewayResponse, 'responseType' | 'defaultResponse'>;

/**
 * What a deployment froze: the API's resources with their methods and integrations, and the
 * API settings that only take effect when deployed (binary media types, authorizers, gateway
 * responses). Snapshots stored before authorizers and gateway responses were frozen lack them:
 * those read the API's current ones.
 */
export interface DeploymentSnapshot {
  readonly resources: readonly Resource[];
  readonly binaryMediaTypes: readonly string[];
  readonly authorizers?: readonly Authorizer[];
  readonly gatewayResponses?: readonly GatewayResponse[];
}
