// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCloudAssembly } from '../../src/cloudformation/assembly.ts';
import type { ResourceContext, ResourceProvider } from '../../src/cloudformation/provider.ts';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { engineWith, outputs, parameter } from './helpers.ts';

const bucket = 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}';

/** A small hand-made `cdk.out`: two stacks (App needs Base), an asset manifest, a folder and a file asset. */
function writeCloudAssembly(dir: string): void {
  const write = (file: string, value: unknown) =>
    writeFileSync(join(dir, file), JSON.stringify(value, null, 1));
  write('manifest.json', {
    version: '55.0.0',
    artifacts: {
      'App.assets': { type: 'cdk:asset-manifest', properties: { file: 'App.assets.json' } },
      App: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'App.template.json', stackName: 'App-Stage' },
        dependencies: ['Base', 'App.assets'],
      },
      Base: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'Base.template.json' },
      },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  });
  write('App.assets.json', {
    version: '55.0.0',
    files: {
      abc: {
        source: { path: 'asset.abc', packaging: 'zip' },
        destinations: { current: { bucketName: bucket, objectKey: 'abc.zip' } },
      },
      def: {
        source: { path: 'asset.def.txt', packaging: 'file' },
        destinations: { current: { bucketName: bucket, objectKey: 'def.txt' } },
      },
    },
    dockerImages: {},
  });
  mkdirSync(join(dir, 'asset.abc'));
  writeFileSync(join(dir, 'asset.abc', 'index.js'), 'exports.handler = async () => "hi";');
  writeFileSync(join(dir, 'asset.def.txt'), 'plain file');
  write('Base.template.json', {
    Resources: { Shared: parameter('from-base') },
    Outputs: { SharedName: { Value: { Ref: 'Shared' }, Export: { Name: 'base-shared' } } },
  });
  write('App.template.json', {
    Parameters: {
      BootstrapVersion: {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/cdk-bootstrap/hnb659fds/version',
      },
    },
    Rules: {
      CheckBootstrapVersion: {
        Assertions: [
          {
            Assert: {
              'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }],
            },
            AssertDescription: 'old',
          },
        ],
      },
    },
    Resources: {
      Uses: parameter({ 'Fn::ImportValue': 'base-shared' }),
      Code: {
        Type: 'Test::Asset',
        Properties: { Code: { S3Bucket: { 'Fn::Sub': bucket }, S3Key: 'abc.zip' } },
      },
    },
    Outputs: { Imported: { Value: { 'Fn::GetAtt': ['Uses', 'Value'] } } },
  });
}

describe('CloudFormation cloud assembly (cdk.out)', () => {
  let stratus: Stratus;
  let dir: string;
  before(async () => {
    stratus = await startStratus();
    dir = mkdtempSync(join(tmpdir(), 'stratus-cdk-out-'));
    writeCloudAssembly(dir);
  });
  after(async () => {
    await stratus.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the stacks in dependency order', async () => {
    const assembly = await loadCloudAssembly(dir);
    assert.deepEqual(
      assembly.stacks.map((s) => s.stackName),
      ['Base', 'App-Stage'],
    );
    assert.equal(assembly.stacks[1].region, undefined);
  });

  it('maps published asset locations back to the folders and files in cdk.out', async () => {
    const assets = (await loadCloudAssembly(dir)).assets('000000000000', 'eu-west-2');
    assert.deepEqual(assets.resolve('cdk-hnb659fds-assets-000000000000-eu-west-2', 'abc.zip'), {
      path: join(dir, 'asset.abc'),
      kind: 'directory',
    });
    assert.deepEqual(assets.resolve('cdk-hnb659fds-assets-000000000000-eu-west-2', 'def.txt'), {
      path: join(dir, 'asset.def.txt'),
      kind: 'file',
    });
    assert.equal(assets.resolve('cdk-hnb659fds-assets-000000000000-us-east-1', 'abc.zip'), undefined);
    assert.equal(assets.resolve('other-bucket', 'abc.zip'), undefined);
  });

  it('hands providers the local asset for the S3 location in their properties', async () => {
    const seen: { code: any; asset: unknown }[] = [];
    const assetProvider: ResourceProvider = {
      async create(props, ctx: ResourceContext) {
        seen.push({ code: props.Code, asset: ctx.assets.resolve(props.Code.S3Bucket, props.Code.S3Key) });
        return { physicalId: 'asset-user' };
      },
      async delete() {},
    };
    const engine = engineWith(stratus, { 'Test::Asset': assetProvider });
    const assembly = await loadCloudAssembly(dir);
    const region = 'ap-south-1';
    for (const stack of assembly.stacks) {
      const operation = engine.deploy({
        mode: 'deploy',
        stackName: stack.stackName,
        region,
        template: stack.template,
        templateBody: stack.templateBody,
        assets: assembly.assets(stratus.accountId, region),
      });
      assert.equal((await operation.done).status, 'CREATE_COMPLETE');
    }
    assert.deepEqual(seen, [
      {
        code: { S3Bucket: 'cdk-hnb659fds-assets-000000000000-ap-south-1', S3Key: 'abc.zip' },
        asset: { path: join(dir, 'asset.abc'), kind: 'directory' },
      },
    ]);
  });

  it('deploys every stack, and stops at a stack Stratus cannot deploy', async () => {
    const events: string[] = [];
    const stacks = await stratus.cloudformation
      .deployAssembly(dir, {
        region: 'eu-west-1',
        onEvent: (e) => events.push(`${e.stackName} ${e.logicalId} ${e.status}`),
      })
      .catch((error: Error) => error);
    // App uses a resource type no service provides: Base deploys, App is refused before anything is created.
    assert.ok(stacks instanceof Error);
    assert.match(stacks.message, /^App-Stage: Stratus has no provider .*Code \(Test::Asset\)/);
    assert.ok(events.includes('Base Base CREATE_COMPLETE'));
    assert.equal((await outputs(stratus, 'Base', 'eu-west-1')).SharedName.startsWith('CFN-Shared-'), true);
  });

  it('deploys a whole assembly and returns each stack with its outputs', async () => {
    const template = join(dir, 'App.template.json');
    const app = JSON.parse(readFileSync(template, 'utf8'));
    delete app.Resources.Code;
    writeFileSync(template, JSON.stringify(app));
    const stacks = await stratus.cloudformation.deployAssembly(dir, { region: 'eu-west-1' });
    assert.deepEqual(
      stacks.map((s) => [s.stackName, s.region, s.status]),
      [
        ['Base', 'eu-west-1', 'CREATE_COMPLETE'],
        ['App-Stage', 'eu-west-1', 'CREATE_COMPLETE'],
      ],
    );
    const base = await outputs(stratus, 'Base', 'eu-west-1');
    assert.deepEqual(stacks[1].outputs, [{ OutputKey: 'Imported', OutputValue: base.SharedName }]);
  });
});
