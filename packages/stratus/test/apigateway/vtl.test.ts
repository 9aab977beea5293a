import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from '../../src/services/apigateway/invoke/vtl/evaluate.ts';
import { parseTemplate } from '../../src/services/apigateway/invoke/vtl/parse.ts';
import { headerMap } from '../../src/services/apigateway/invoke/vtl/variables.ts';

/** CDK's response template for `allowOrigins` with more than one origin (aws-cdk-lib 2.x). */
const CDK_CORS =
  '#set($origin = $input.params().header.get("Origin"))\n#if($origin == "")\n  #set($origin = $input.params().header.get("origin"))\n#end\n#if($origin == "https://b.example")\n  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end';

function run(template: string, header: Record<string, string> = {}, body = '') {
  const override = { header: {} as Record<string, unknown> };
  const variables = new Map<string, unknown>([
    [
      'input',
      {
        body,
        params: (name?: string) =>
          name === undefined
            ? { header: headerMap(header), path: {}, querystring: {} }
            : (header[name] ?? ''),
        json: () => body,
      },
    ],
    ['context', { requestId: 'req-1', stage: 'dev', responseOverride: override }],
    ['stageVariables', { color: 'blue' }],
  ]);
  return { output: render(parseTemplate(template), variables), override };
}

describe('mapping templates (Velocity subset)', () => {
  it("evaluates CDK's multi-origin CORS template", () => {
    const allowed = run(CDK_CORS, { origin: 'https://b.example' });
    assert.deepEqual(allowed.override.header, { 'Access-Control-Allow-Origin': 'https://b.example' });
    assert.equal(allowed.output.trim(), '');
    const other = run(CDK_CORS, { Origin: 'https://evil.example' });
    assert.deepEqual(other.override.header, {});
  });

  it('renders references, conditions, loops and comments', () => {
    const template = [
      '## a comment',
      '#set($items = ["a", "b"])',
      '{"stage": "$context.stage", "color": "$stageVariables.color", "missing": "$!nothing", "raw": "$nothing",',
      '#if($context.stage == "prod" || $stageVariables.color != "blue")',
      ' "branch": 1',
      '#elseif(!$context.absent && $items.size() == 2)',
      ' "branch": 2',
      '#else',
      ' "branch": 3',
      '#end',
      ', "list": [#foreach($item in $items)"$item.toUpperCase()"#if($foreach.hasNext),#end#end]}',
    ].join('\n');
    assert.equal(
      run(template).output,
      '{"stage": "dev", "color": "blue", "missing": "", "raw": "$nothing",\n "branch": 2\n, "list": ["A","B"]}',
    );
  });

  it('refuses templates outside the subset with a SyntaxError', () => {
    assert.throws(() => parseTemplate('#if($a == 1)'), SyntaxError);
    assert.throws(() => parseTemplate('#set($a = )'), SyntaxError);
  });
});
