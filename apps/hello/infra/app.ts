import { App } from 'aws-cdk-lib';
import { HelloStack } from './hello-stack.ts';

const app = new App();
new HelloStack(app, 'HelloStratus', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
