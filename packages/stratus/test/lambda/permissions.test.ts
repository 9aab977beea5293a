import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddPermissionCommand,
  GetPolicyCommand,
  LambdaClient,
  RemovePermissionCommand,
} from '@aws-sdk/client-lambda';
import type { Stratus } from '../../src/stratus.ts';
import { clientConfig, startStratus } from '../support/stratus.ts';
import { createFunction, eventually, logLines } from './support.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const API_SOURCE = 'arn:aws:execute-api:us-east-1:000000000000:abc123/*/GET/items';

describe('lambda permissions', () => {
  let stratus: Stratus;
  let lambda: LambdaClient;
  before(async () => {
    stratus = await startStratus();
    lambda = new LambdaClient(clientConfig(stratus));
    await createFunction(lambda, 'guarded', 'exports.handler = async (e) => ({ got: e });');
  });
  after(() => stratus.stop());

  it('has no policy until a permission is added', async () => {
    await assert.rejects(lambda.send(new GetPolicyCommand({ FunctionName: 'guarded' })), (error: any) => {
      assert.equal(error.name, 'ResourceNotFoundException');
      assert.equal(error.message, 'The resource you requested does not exist.');
      return true;
    });
  });

  it('adds a statement shaped as AWS shapes it and returns it in the policy', async () => {
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'guarded',
        StatementId: 'api-gateway',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: API_SOURCE,
        SourceAccount: '000000000000',
      }),
    );
    const statement = JSON.parse(added.Statement!);
    assert.deepEqual(statement, {
      Sid: 'api-gateway',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:guarded`,
      Condition: {
        StringEquals: { 'AWS:SourceAccount': '000000000000' },
        ArnLike: { 'AWS:SourceArn': API_SOURCE },
      },
    });
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'guarded' }));
    const document = JSON.parse(policy.Policy!);
    assert.equal(document.Version, '2012-10-17');
    assert.equal(document.Id, 'default');
    assert.deepEqual(document.Statement, [statement]);
    assert.ok(policy.RevisionId);
  });

  it('refuses a statement id already in use', async () => {
    await assert.rejects(
      lambda.send(
        new AddPermissionCommand({
          FunctionName: 'guarded',
          StatementId: 'api-gateway',
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
        }),
      ),
      (error: any) => {
        assert.equal(error.name, 'ResourceConflictException');
        assert.match(error.message, /^The statement id \(sid\) provided already exists/);
        return true;
      },
    );
  });

  it('lets a service invoke in-process only as the policy allows', async () => {
    const request = {
      region: 'us-east-1',
      functionName: `${ARN}:guarded`,
      payload: Buffer.from('{"path":"/items"}'),
      invocationType: 'RequestResponse' as const,
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/items',
    };
    const result = await stratus.lambda.invoker.invoke(request);
    assert.equal(result.statusCode, 200);
    assert.equal(result.executedVersion, '$LATEST');
    assert.equal(result.functionError, undefined);
    assert.deepEqual(JSON.parse(result.payload.toString()), { got: { path: '/items' } });
    await assert.rejects(
      stratus.lambda.invoker.invoke({
        ...request,
        sourceArn: 'arn:aws:execute-api:us-east-1:000000000000:other/prod/GET/items',
      }),
      (error: any) => {
        assert.equal(error.code, 'AccessDeniedException');
        assert.equal(error.status, 403);
        return true;
      },
    );
    await assert.rejects(stratus.lambda.invoker.invoke({ ...request, principal: 'sns.amazonaws.com' }), {
      code: 'AccessDeniedException',
    });
    await assert.rejects(stratus.lambda.invoker.invoke({ ...request, functionName: 'absent' }), {
      code: 'ResourceNotFoundException',
    });
  });

  it('queues an in-process Event invocation and answers 202', async () => {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'guarded',
        StatementId: 's3',
        Action: 'lambda:*',
        Principal: 's3.amazonaws.com',
      }),
    );
    const result = await stratus.lambda.invoker.invoke({
      region: 'us-east-1',
      functionName: 'guarded',
      payload: Buffer.from('{"Records":[]}'),
      invocationType: 'Event',
      principal: 's3.amazonaws.com',
    });
    assert.equal(result.statusCode, 202);
    assert.equal(result.payload.length, 0);
    await eventually(async () => {
      const lines = await logLines(stratus, 'guarded');
      return lines.filter((line) => line.startsWith('END RequestId')).length === 2 || undefined;
    });
  });

  it('removes a statement, and says so when it is not there', async () => {
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'guarded', StatementId: 's3' }));
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'guarded' }))).Policy!);
    assert.deepEqual(
      policy.Statement.map((s: { Sid: string }) => s.Sid),
      ['api-gateway'],
    );
    await assert.rejects(
      lambda.send(new RemovePermissionCommand({ FunctionName: 'guarded', StatementId: 's3' })),
      (error: any) => {
        assert.equal(error.name, 'ResourceNotFoundException');
        assert.equal(error.message, 'Statement s3 is not found in resource policy.');
        return true;
      },
    );
  });

  it('refuses an in-process caller as soon as its statement is removed', async () => {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'guarded',
        StatementId: 'sns',
        Action: 'lambda:InvokeFunction',
        Principal: 'sns.amazonaws.com',
      }),
    );
    const request = {
      region: 'us-east-1',
      functionName: 'guarded',
      payload: Buffer.from('{}'),
      invocationType: 'RequestResponse' as const,
      principal: 'sns.amazonaws.com',
    };
    assert.equal((await stratus.lambda.invoker.invoke(request)).statusCode, 200);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'guarded', StatementId: 'sns' }));
    await assert.rejects(stratus.lambda.invoker.invoke(request), { code: 'AccessDeniedException' });
  });
});
