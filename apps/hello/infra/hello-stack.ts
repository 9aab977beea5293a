import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Cors,
  LambdaIntegration,
  MockIntegration,
  PassthroughBehavior,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';

const functionsDir = fileURLToPath(new URL('../functions/', import.meta.url));

/**
 * The core sample: a REST API on API Gateway in front of Lambda functions, deployable to AWS
 * with `cdk deploy` and to Stratus with `stratus dev`.
 */
export class HelloStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // A bundled TypeScript handler (NodejsFunction → esbuild), greeting and counting its warm invocations.
    const hello = new NodejsFunction(this, 'HelloFunction', {
      entry: `${functionsDir}hello.ts`,
      runtime: Runtime.NODEJS_24_X,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: { GREETING: 'Hello' },
      bundling: { format: OutputFormat.ESM, target: 'node24', minify: false, sourceMap: false },
    });

    // An inline handler (Code.fromInline), answering the API's catch-all route.
    const echo = new LambdaFunction(this, 'EchoFunction', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline(
        'exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" },' +
          ' body: JSON.stringify({ path: event.path, method: event.httpMethod, query: event.queryStringParameters }) });',
      ),
    });

    const api = new RestApi(this, 'HelloApi', {
      restApiName: 'hello-api',
      deployOptions: { stageName: 'prod', variables: { flavour: 'local' } },
      defaultCorsPreflightOptions: { allowOrigins: Cors.ALL_ORIGINS, allowMethods: Cors.ALL_METHODS },
    });
    const helloResource = api.root.addResource('hello');
    helloResource.addMethod('GET', new LambdaIntegration(hello));
    helloResource.addResource('{name}').addMethod('GET', new LambdaIntegration(hello));
    api.root.addResource('echo').addProxy({ defaultIntegration: new LambdaIntegration(echo) });
    api.root.addResource('status').addMethod(
      'GET',
      new MockIntegration({
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        integrationResponses: [
          { statusCode: '200', responseTemplates: { 'application/json': '{"status":"ok"}' } },
        ],
      }),
      { methodResponses: [{ statusCode: '200' }] },
    );

    new CfnOutput(this, 'ApiId', { value: api.restApiId });
    new CfnOutput(this, 'HelloFunctionName', { value: hello.functionName });
    new CfnOutput(this, 'EchoFunctionName', { value: echo.functionName });
  }
}
