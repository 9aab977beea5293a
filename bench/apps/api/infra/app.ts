import { fileURLToPath } from 'node:url';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';

/** How many never-invoked functions the cold-start figures are the median of. */
const COLD_FUNCTIONS = 5;

// The handler every benchmark target serves, deployed as a plain asset (no bundling step to time or to break).
const code = Code.fromAsset(fileURLToPath(new URL('../../../functions/', import.meta.url)));
const props = { code, handler: 'hello.handler', runtime: Runtime.NODEJS_22_X };

const app = new App();
const stack = new Stack(app, 'StratusBench');

// GET /hello on a REST API, Lambda proxy integration: the path serverless-offline's `http` event emulates.
const hello = new LambdaFunction(stack, 'Hello', props);
// No CloudWatch role (an account-wide AWS::ApiGateway::Account setting): nothing to do with the request path.
const api = new RestApi(stack, 'Api', {
  restApiName: 'stratus-bench',
  deployOptions: { stageName: 'bench' },
  cloudWatchRole: false,
});
api.root.addResource('hello').addMethod('GET', new LambdaIntegration(hello));
new CfnOutput(stack, 'ApiId', { value: api.restApiId });
new CfnOutput(stack, 'StageName', { value: api.deploymentStage.stageName });
new CfnOutput(stack, 'HelloFunctionName', { value: hello.functionName });

// Functions nobody calls before the benchmark: each one's first invoke is a cold start.
for (let i = 1; i <= COLD_FUNCTIONS; i++) {
  const fn = new LambdaFunction(stack, `Cold${i}`, props);
  new CfnOutput(stack, `Cold${i}FunctionName`, { value: fn.functionName });
}

app.synth();
