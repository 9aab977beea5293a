import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '../../src/protocol/compiled.ts';
import { AwsError } from '../../src/protocol/errors.ts';
import { decodeRequest } from '../../src/protocol/index.ts';
import { compileJavaPattern } from '../../src/protocol/java-regex.ts';
import { loadModel } from '../../src/protocol/models/index.ts';
import { javaString, validateInput } from '../../src/protocol/validate.ts';
import { request } from './wire-server.ts';

function jsonCall(model: string, prefix: string, operation: string, body: unknown): string {
  try {
    decodeRequest(
      loadModel(model),
      request({ headers: { 'x-amz-target': `${prefix}.${operation}` }, body: JSON.stringify(body) }),
    );
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof AwsError, String(e));
    return `${e.code}: ${e.message}`;
  }
}

describe('validation messages', () => {
  it('prints lists of structures as Java does, and numbers against their bounds', () => {
    const keySchema = [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
      { AttributeName: 'extra', KeyType: 'RANGE' },
    ];
    assert.equal(
      jsonCall('dynamodb', 'DynamoDB_20120810', 'CreateTable', {
        TableName: 'table',
        AttributeDefinitions: [],
        KeySchema: keySchema,
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 },
      }),
      'ValidationException: 2 validation errors detected: ' +
        "Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), " +
        "KeySchemaElement(attributeName=extra, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: " +
        'Member must have length less than or equal to 2; ' +
        "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('hides sensitive values and uses the service’s own code (Cognito: InvalidParameterException)', () => {
    assert.equal(
      jsonCall('cognito-idp', 'AWSCognitoIdentityProviderService', 'SignUp', {
        ClientId: 'client1',
        Username: 'alice',
        Password: 'has space',
      }),
      "InvalidParameterException: 1 validation error detected: Value at 'password' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\S]+',
    );
  });

  it('checks map keys (Lambda environment variable names) without printing secret values', () => {
    const message = (() => {
      try {
        decodeRequest(
          loadModel('lambda'),
          request({
            url: '/2015-03-31/functions',
            body: JSON.stringify({
              FunctionName: 'fn',
              Role: 'arn:aws:iam::000000000000:role/r',
              Code: {},
              Environment: { Variables: { '1BAD': 'secret' } },
              MemorySize: 64,
            }),
          }),
        );
        return 'ok';
      } catch (e) {
        return (e as AwsError).message;
      }
    })();
    assert.equal(
      message,
      "2 validation errors detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128; " +
        "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: " +
        '[Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    );
  });

  it('reports every broken constraint of a member, pattern first, as CloudWatch Logs does', () => {
    const c = compile(loadModel('logs'));
    assert.equal(
      validateInput(c, 'DescribeLogGroupsRequest', { logGroupNamePrefix: '' }),
      "2 validation errors detected: Value '' at 'logGroupNamePrefix' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; ' +
        "Value '' at 'logGroupNamePrefix' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('stops counting at ten', () => {
    const c = compile(loadModel('logs'));
    const logEvents = Array.from({ length: 12 }, () => ({ message: 'm' }));
    const message = validateInput(c, 'PutLogEventsRequest', {
      logGroupName: 'g',
      logStreamName: 's',
      logEvents,
    });
    assert.match(message!, /^10 validation errors detected: Value null at 'logEvents.1.member.timestamp'/);
    assert.equal(message!.split('; ').length, 10);
  });

  it('prints values as AWS’s Java frontends do', () => {
    const c = compile(loadModel('dynamodb'));
    assert.equal(
      javaString(c, 'BinaryAttributeValue', Buffer.alloc(5)),
      'java.nio.HeapByteBuffer[pos=0 lim=5 cap=5]',
    );
    assert.equal(javaString(c, 'AttributeNameList', ['a', 'b']), '[a, b]');
    assert.equal(
      javaString(c, 'KeySchemaElement', { AttributeName: 'pk', KeyType: 'HASH' }),
      'KeySchemaElement(attributeName=pk, keyType=HASH)',
    );
    assert.equal(javaString(c, 'ExpressionAttributeNameMap', { '#a': 'x' }), '{#a=x}');
  });
});

describe('Java patterns', () => {
  const matches = (pattern: string, value: string) => compileJavaPattern(pattern)?.test(value);

  it('matches the whole value', () => {
    assert.equal(matches('[a-z]+', 'abc'), true);
    assert.equal(matches('[a-z]+', 'abc1'), false);
    assert.equal(matches('a|b', 'ab'), false);
  });

  it('translates Unicode and POSIX classes, needless escapes, \\A \\z and possessive quantifiers', () => {
    assert.equal(matches('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', 'héllo-wörld!'), true);
    assert.equal(matches('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', 'two words'), false);
    assert.equal(matches('\\p{Alnum}+', 'abc123'), true);
    assert.equal(matches('\\p{Alnum}+', 'é'), false);
    assert.equal(matches('[\\p{Alpha}\\-_]+', 'a-b_c'), true);
    assert.equal(matches('[\\.\\-_/#A-Za-z0-9]+', '/aws/lambda/fn'), true);
    assert.equal(matches('\\Aarn:\\S+\\z', 'arn:x'), true);
    assert.equal(matches('a*+b', 'aaab'), true);
    assert.equal(matches('a+[b]+', 'aabb'), true);
    assert.equal(matches('\\d{2}+x', '12x'), true);
    assert.equal(matches('(?i)all|[0-9]{12}', 'ALL'), true);
    assert.equal(matches('\\Qa.b\\E', 'a.b'), true);
    assert.equal(matches('\\Qa.b\\E', 'axb'), false);
  });

  it('gives up (skips the check) on what JavaScript cannot express', () => {
    assert.equal(compileJavaPattern('[a-z&&[^aeiou]]+'), undefined);
    assert.equal(compileJavaPattern('\\h+'), undefined);
    assert.equal(compileJavaPattern('(unclosed'), undefined);
  });
});
