import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type CliProcess, runCli, startCli } from '../../../packages/stratus/test/support/cli.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const run = promisify(execFile);

/** The sample app, end to end: `stratus dev apps/hello` synthesizes, deploys and serves it. */
describe('apps/hello through stratus dev', () => {
  let dev: CliProcess;
  let endpoint: string;
  let api: string;
  let outputs: Record<string, string>;

  before(async () => {
    dev = startCli(['dev', 'apps/hello', '--ephemeral', '--port', '0', '--https-port', '0', '--no-watch']);
    endpoint = (await dev.waitFor(/serving at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await dev.waitFor(/Stack HelloStratus: (CREATE|UPDATE)_COMPLETE/, 120_000);
    await dev.waitFor(/EchoFunctionName = /);
    const cfn = new CloudFormationClient({ endpoint, region: 'us-east-1', credentials });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'HelloStratus' }));
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    api = `${endpoint}/restapis/${outputs.ApiId}/prod/_user_request_`;
  });
  after(async () => {
    await dev?.stop();
  });

  it('prints the API URL, the functions and the outputs', () => {
    const text = dev.output();
    assert.match(
      text,
      new RegExp(`API hello-api \\(prod\\): ${endpoint}/restapis/${outputs.ApiId}/prod/_user_request_/`),
    );
    assert.match(text, new RegExp(`Function ${outputs.HelloFunctionName}`));
    assert.match(text, /ApiId = \w{10}/);
    assert.match(
      text,
      new RegExp(
        `HelloApiEndpoint\\w+ = https://${outputs.ApiId}\\.execute-api\\.us-east-1\\.amazonaws\\.com/prod/  \\(locally: ${endpoint}/restapis/${outputs.ApiId}/prod/_user_request_/\\)`,
      ),
    );
    assert.doesNotMatch(text, /Resource creation Initiated/);
    assert.match(text, /CREATE_COMPLETE +\| AWS::Lambda::Function/);
  });

  it('serves the bundled TypeScript handler through API Gateway, warm after the first call', async () => {
    const first = await fetch(`${api}/hello/stratus`);
    assert.equal(first.status, 200);
    const body = (await first.json()) as {
      message: string;
      invocations: number;
      stage: string;
      flavour: string;
    };
    assert.equal(body.message, 'Hello, stratus!');
    assert.equal(body.stage, 'prod');
    assert.equal(body.flavour, 'local');
    const second = (await (await fetch(`${api}/hello?name=again`)).json()) as {
      message: string;
      invocations: number;
    };
    assert.equal(second.message, 'Hello, again!');
    assert.equal(second.invocations, body.invocations + 1, 'the warm environment keeps its module state');
  });

  it('serves the inline function on the greedy proxy route and the MOCK route', async () => {
    const echo = (await (
      await fetch(`${api}/echo/a/b?x=1`, { method: 'POST', body: '{}' })
    ).json()) as Record<string, unknown>;
    assert.deepEqual(echo, { path: '/echo/a/b', method: 'POST', query: { x: '1' } });
    const status = await fetch(`${api}/status`);
    assert.equal(status.status, 200);
    assert.deepEqual(await status.json(), { status: 'ok' });
  });

  it('answers CORS preflights and refuses unknown routes as API Gateway does', async () => {
    const preflight = await fetch(`${api}/hello`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    const unknown = await fetch(`${api}/nowhere`);
    assert.equal(unknown.status, 403);
    assert.deepEqual(await unknown.json(), { message: 'Missing Authentication Token' });
  });

  it('streams function logs live and keeps them in CloudWatch Logs', async () => {
    await fetch(`${api}/hello/logs`);
    await dev.waitFor(/greeting logs \(invocation/);
    const logs = new CloudWatchLogsClient({ endpoint, region: 'us-east-1', credentials });
    const { events } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: `/aws/lambda/${outputs.HelloFunctionName}`,
        filterPattern: 'REPORT',
      }),
    );
    assert.ok(events?.some((e) => /Billed Duration: \d+ ms/.test(e.message ?? '')));
  });

  it('invokes a function with stratus invoke', async () => {
    const event = JSON.stringify({ pathParameters: { name: 'cli' }, requestContext: { stage: 'cli' } });
    const result = await runCli(['invoke', outputs.HelloFunctionName!, event, '--endpoint', endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const payload = JSON.parse(result.stdout) as { statusCode: number; body: string };
    assert.equal(payload.statusCode, 200);
    assert.equal((JSON.parse(payload.body) as { message: string }).message, 'Hello, cli!');
    assert.match(result.stderr, /START RequestId: /);
  });

  it('shows the stack outputs to the AWS CLI', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const { stdout } = await run(
      'aws',
      [
        '--endpoint-url',
        endpoint,
        'cloudformation',
        'describe-stacks',
        '--stack-name',
        'HelloStratus',
        '--output',
        'json',
      ],
      { env },
    );
    const stack = (
      JSON.parse(stdout) as {
        Stacks: { StackStatus: string; Outputs: { OutputKey: string; OutputValue: string }[] }[];
      }
    ).Stacks[0]!;
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    assert.ok(stack.Outputs.some((o) => o.OutputKey === 'ApiId' && o.OutputValue === outputs.ApiId));
  });
});
