import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StackEngine } from '../../src/cloudformation/engine.ts';
import type { ResourceProvider } from '../../src/cloudformation/provider.ts';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { engineWith, outputs } from './helpers.ts';

/** A resource type made for the test: it records what the engine asks of it. */
class Recorder {
  readonly calls: string[] = [];
  #count = 0;
  /** Started creates wait for this many creates to have started (proves they run side by side). */
  waitForStarts = 0;
  #started = 0;
  #allStarted: () => void = () => {};
  readonly #gate = new Promise<void>((resolve) => {
    this.#allStarted = resolve;
  });

  provider(withUpdate: boolean): ResourceProvider {
    const provider: ResourceProvider = {
      create: async (props, ctx) => {
        this.calls.push(`create ${ctx.logicalId}`);
        if (++this.#started === this.waitForStarts) this.#allStarted();
        if (this.waitForStarts)
          await Promise.race([this.#gate, failAfter(5000, 'creates ran one after another')]);
        if (props.Fail) throw new Error(props.Fail);
        return { physicalId: `${ctx.logicalId}-${++this.#count}`, attributes: { Echo: props.Value } };
      },
      delete: async (physicalId) => {
        this.calls.push(`delete ${physicalId}`);
      },
    };
    if (withUpdate) {
      provider.update = async (physicalId) => {
        this.calls.push(`update ${physicalId}`);
        return { physicalId };
      };
    }
    return provider;
  }
}

function failAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

describe('CloudFormation engine with made-up resource types', () => {
  let stratus: Stratus;
  let recorder: Recorder;
  let engine: StackEngine;
  const deploy = async (stackName: string, template: unknown) =>
    (
      await engine.deploy({
        mode: 'deploy',
        stackName,
        region: 'us-east-1',
        template,
        templateBody: JSON.stringify(template),
      })
    ).done;

  before(async () => {
    stratus = await startStratus();
  });
  after(() => stratus.stop());

  it('creates independent resources side by side', async () => {
    recorder = new Recorder();
    recorder.waitForStarts = 3;
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(false) });
    const template = {
      Resources: { A: { Type: 'Test::Thing' }, B: { Type: 'Test::Thing' }, C: { Type: 'Test::Thing' } },
    };
    assert.equal((await deploy('parallel', template)).status, 'CREATE_COMPLETE');
  });

  it('replaces a resource whose provider cannot update, deleting the old one after the update', async () => {
    recorder = new Recorder();
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(false) });
    const template = (value: string) => ({
      Resources: { Thing: { Type: 'Test::Thing', Properties: { Value: value } } },
      Outputs: { Id: { Value: { Ref: 'Thing' } }, Echo: { Value: { 'Fn::GetAtt': ['Thing', 'Echo'] } } },
    });
    await deploy('replaced', template('one'));
    const stack = await deploy('replaced', template('two'));
    assert.equal(stack.status, 'UPDATE_COMPLETE');
    assert.deepEqual(recorder.calls, ['create Thing', 'create Thing', 'delete Thing-1']);
    assert.deepEqual(await outputs(stratus, 'replaced'), { Id: 'Thing-2', Echo: 'two' });
  });

  it('keeps the previous attributes when an update returns none', async () => {
    recorder = new Recorder();
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(true) });
    const template = (other: string) => ({
      Resources: { Thing: { Type: 'Test::Thing', Properties: { Value: 'v', Other: other } } },
      Outputs: { Echo: { Value: { 'Fn::GetAtt': ['Thing', 'Echo'] } } },
    });
    await deploy('updated', template('a'));
    await deploy('updated', template('b'));
    assert.deepEqual(recorder.calls, ['create Thing', 'update Thing-1']);
    assert.equal((await outputs(stratus, 'updated')).Echo, 'v');
  });

  it('keeps the old resource of a replacement when UpdateReplacePolicy is Retain', async () => {
    recorder = new Recorder();
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(false) });
    const template = (value: string) => ({
      Resources: {
        Thing: { Type: 'Test::Thing', UpdateReplacePolicy: 'Retain', Properties: { Value: value } },
      },
    });
    await deploy('replace-retained', template('one'));
    await deploy('replace-retained', template('two'));
    assert.deepEqual(recorder.calls, ['create Thing', 'create Thing']);
  });

  it('deletes RetainExceptOnCreate resources when their creation rolls back, keeps Retain ones', async () => {
    recorder = new Recorder();
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(false) });
    const template = {
      Resources: {
        Kept: { Type: 'Test::Thing', DeletionPolicy: 'Retain' },
        Undone: { Type: 'Test::Thing', DeletionPolicy: 'RetainExceptOnCreate' },
        Broken: { Type: 'Test::Thing', DependsOn: ['Kept', 'Undone'], Properties: { Fail: 'no luck' } },
      },
    };
    const stack = await deploy('retain-on-create', template);
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    assert.deepEqual(
      recorder.calls.sort(),
      ['create Broken', 'create Kept', 'create Undone', 'delete Undone-2'].sort(),
    );
  });

  it('reports an unexpected provider error as the failure reason', async () => {
    recorder = new Recorder();
    engine = engineWith(stratus, { 'Test::Thing': recorder.provider(false) });
    const stack = await deploy('unexpected', {
      Resources: { Thing: { Type: 'Test::Thing', Properties: { Fail: 'boom' } } },
    });
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    const failed = stratus.cloudformation.store
      .listEvents(stack.stackId)
      .find((e) => e.status === 'CREATE_FAILED')!;
    assert.equal(failed.reason, 'boom');
  });
});
