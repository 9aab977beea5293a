import type { ResourceRecord, StackRecord } from '../services/cloudformation/store.ts';
import { cleanUp } from './cleanup.ts';
import { resolveDynamicReferences } from './dynamic-references.ts';
import { type ResolutionContext, type ResolvedResource, resolveValue } from './intrinsics.ts';
import { checkExports, computeOutputs, exportsOf } from './outputs.ts';
import type { PreparedTemplate } from './prepare.ts';
import type { ProvisionResult, ResourceProvider } from './provider.ts';
import { rollBack } from './rollback.ts';
import {
  canonicalJson,
  type EngineDeps,
  failureReason,
  type RunOptions,
  resourceContext,
} from './run-context.ts';
import { runScheduled } from './scheduler.ts';

export type OnFailure = 'ROLLBACK' | 'DO_NOTHING' | 'DELETE';

export interface ApplyInput {
  readonly deps: EngineDeps;
  /** The stack, already stored in CREATE_IN_PROGRESS or UPDATE_IN_PROGRESS. */
  readonly stack: StackRecord;
  readonly prepared: PreparedTemplate;
  readonly templateBody: string;
  readonly mode: 'create' | 'update';
  readonly onFailure: OnFailure;
  readonly options: RunOptions;
}

/** One change made by this deploy, kept so a failure can undo it. */
export interface Change {
  readonly logicalId: string;
  readonly kind: 'create' | 'update' | 'replace';
  readonly before?: ResourceRecord;
  readonly after: ResourceRecord;
}

export interface Failure {
  readonly logicalId: string;
  readonly action: 'create' | 'update';
}

const REPLACING = 'Requested update requires the creation of a new physical resource; hence creating one.';

/**
 * Creates or updates a stack's resources by diff against what is deployed, in dependency order
 * and in parallel where independent; then computes outputs and exports. On a failure, undoes
 * what this deploy changed. Returns the stack as it ends.
 */
export async function applyTemplate(input: ApplyInput): Promise<StackRecord> {
  const run = new ApplyRun(input);
  return run.run();
}

class ApplyRun {
  readonly #input: ApplyInput;
  readonly #previous: Map<string, ResourceRecord>;
  readonly #live = new Map<string, ResolvedResource>();
  readonly #changes: Change[] = [];
  readonly #failures: Failure[] = [];
  readonly #imports = new Set<string>();
  readonly #ctx: ResolutionContext;

  constructor(input: ApplyInput) {
    this.#input = input;
    const { deps, stack, prepared } = input;
    const gone = new Set(['DELETE_COMPLETE', 'DELETE_SKIPPED']);
    this.#previous = new Map(
      deps.store
        .listResources(stack.stackId)
        .filter((r) => !gone.has(r.status))
        .map((r) => [r.logicalId, r]),
    );
    for (const id of prepared.order) {
      const old = this.#previous.get(id);
      if (old?.physicalId)
        this.#live.set(id, { type: old.type, physicalId: old.physicalId, attributes: old.attributes });
    }
    this.#ctx = {
      region: stack.region,
      refs: prepared.refs,
      mappings: prepared.template.Mappings,
      condition: (name) => prepared.conditions.get(name),
      declared: (id) => prepared.template.Resources[id]?.Type,
      resource: (id) => this.#live.get(id),
      importValue: (name) => {
        this.#imports.add(name);
        return deps.store.getExport(stack.accountId, stack.region, name)?.value;
      },
    };
  }

  async run(): Promise<StackRecord> {
    const { prepared } = this.#input;
    await runScheduled(
      prepared.order,
      (id) => prepared.dependencies.get(id) ?? [],
      (id) => this.#deployResource(id),
    );
    if (this.#failures.length) return this.#fail(this.#failureSummary());
    let outputs: ReturnType<typeof computeOutputs>;
    try {
      outputs = computeOutputs(prepared.template, this.#ctx);
      checkExports(this.#input.deps.store, this.#input.stack, exportsOf(this.#input.stack, outputs));
    } catch (error) {
      const message = failureReason(this.#input.deps, 'Outputs', error);
      return this.#fail(`${message.replace(/\.$/, '')}. ${this.#rollbackNote()}`.trim());
    }
    return this.#succeed(outputs);
  }

  async #deployResource(id: string): Promise<void> {
    const { deps, prepared } = this.#input;
    const declaration = prepared.template.Resources[id];
    const provider = deps.provider(declaration.Type)!;
    const old = this.#previous.get(id);
    const action = old?.physicalId ? 'update' : 'create';
    let props: Record<string, unknown>;
    try {
      props = resolveValue(declaration.Properties ?? {}, this.#ctx, `/Resources/${id}/Properties`) as Record<
        string,
        unknown
      >;
      props = resolveDynamicReferences(props, deps.ssm(this.#input.stack.region)) as Record<string, unknown>;
    } catch (error) {
      this.#recordFailure(id, declaration.Type, action, failureReason(deps, id, error), old);
      throw error;
    }
    if (!old?.physicalId) return this.#create(id, provider, props);
    if (old.type !== declaration.Type) return this.#replace(id, provider, props, old);
    if (canonicalJson(old.properties) === canonicalJson(props)) return this.#keep(id, old);
    const replaceOn = provider.replaceOn ?? [];
    const needsReplacement =
      !provider.update ||
      replaceOn.some((key) => canonicalJson(old.properties[key]) !== canonicalJson(props[key]));
    if (needsReplacement) return this.#replace(id, provider, props, old);
    return this.#update(id, provider, props, old);
  }

  async #create(id: string, provider: ResourceProvider, props: Record<string, unknown>): Promise<void> {
    const { events } = this.#input.options;
    const type = this.#type(id);
    events.resource(id, type, 'CREATE_IN_PROGRESS', { properties: props });
    this.#store(id, { status: 'CREATE_IN_PROGRESS', properties: props });
    events.resource(id, type, 'CREATE_IN_PROGRESS', {
      reason: 'Resource creation Initiated',
      properties: props,
    });
    const result = await this.#call(id, 'create', () => provider.create(props, this.#context(id)));
    const after = this.#store(id, { status: 'CREATE_COMPLETE', properties: props, result });
    this.#changes.push({ logicalId: id, kind: 'create', after });
    events.resource(id, type, 'CREATE_COMPLETE', { physicalId: result.physicalId, properties: props });
  }

  async #update(id: string, provider: ResourceProvider, props: Record<string, unknown>, old: ResourceRecord) {
    const { events } = this.#input.options;
    events.resource(id, old.type, 'UPDATE_IN_PROGRESS', { physicalId: old.physicalId, properties: props });
    const result = await this.#call(id, 'update', () =>
      provider.update!(old.physicalId!, props, old.properties, this.#context(id)),
    );
    const after = this.#store(id, {
      status: 'UPDATE_COMPLETE',
      properties: props,
      result: { physicalId: result.physicalId, attributes: result.attributes ?? old.attributes },
    });
    this.#changes.push({ logicalId: id, kind: 'update', before: old, after });
    events.resource(id, old.type, 'UPDATE_COMPLETE', { physicalId: result.physicalId, properties: props });
  }

  async #replace(
    id: string,
    provider: ResourceProvider,
    props: Record<string, unknown>,
    old: ResourceRecord,
  ) {
    const { events } = this.#input.options;
    const type = this.#type(id);
    events.resource(id, type, 'UPDATE_IN_PROGRESS', {
      physicalId: old.physicalId,
      reason: REPLACING,
      properties: props,
    });
    const result = await this.#call(id, 'update', () => provider.create(props, this.#context(id)), old);
    events.resource(id, type, 'UPDATE_IN_PROGRESS', {
      physicalId: result.physicalId,
      reason: 'Resource creation Initiated',
    });
    const after = this.#store(id, { status: 'UPDATE_COMPLETE', properties: props, result });
    this.#changes.push({ logicalId: id, kind: 'replace', before: old, after });
    events.resource(id, type, 'UPDATE_COMPLETE', { physicalId: result.physicalId, properties: props });
  }

  /** Unchanged properties: the resource is left alone; only its template attributes are refreshed. */
  #keep(id: string, old: ResourceRecord): void {
    this.#input.deps.store.putResource({ ...old, ...this.#templateAttributes(id) });
  }

  async #call(
    id: string,
    action: 'create' | 'update',
    work: () => Promise<ProvisionResult>,
    old?: ResourceRecord,
  ): Promise<ProvisionResult> {
    try {
      const result = await work();
      if (!result || typeof result.physicalId !== 'string' || !result.physicalId) {
        throw new Error(`the ${this.#type(id)} provider returned no physical id`);
      }
      return result;
    } catch (error) {
      const current = this.#previous.get(id);
      this.#recordFailure(
        id,
        this.#type(id),
        action,
        failureReason(this.#input.deps, id, error),
        old ?? current,
      );
      throw error;
    }
  }

  #recordFailure(
    id: string,
    type: string,
    action: 'create' | 'update',
    reason: string,
    old?: ResourceRecord,
  ) {
    const status = action === 'create' ? 'CREATE_FAILED' : 'UPDATE_FAILED';
    this.#failures.push({ logicalId: id, action });
    this.#input.options.events.resource(id, type, status, { physicalId: old?.physicalId, reason });
    this.#input.deps.store.putResource({
      ...(old ?? this.#blank(id)),
      status,
      statusReason: reason,
      updatedAt: this.#input.deps.clock.now(),
    });
  }

  #store(
    id: string,
    update: { status: string; properties: Record<string, unknown>; result?: ProvisionResult },
  ): ResourceRecord {
    const record: ResourceRecord = {
      ...this.#blank(id),
      physicalId: update.result?.physicalId,
      status: update.status,
      properties: update.properties,
      attributes: { ...(update.result?.attributes ?? {}) },
    };
    this.#input.deps.store.putResource(record);
    if (update.result) {
      this.#live.set(id, {
        type: record.type,
        physicalId: update.result.physicalId,
        attributes: record.attributes,
      });
    }
    return record;
  }

  #blank(id: string): ResourceRecord {
    return {
      stackId: this.#input.stack.stackId,
      logicalId: id,
      type: this.#type(id),
      status: 'CREATE_IN_PROGRESS',
      properties: {},
      attributes: {},
      ...this.#templateAttributes(id),
      updatedAt: this.#input.deps.clock.now(),
    };
  }

  #templateAttributes(id: string) {
    const declaration = this.#input.prepared.template.Resources[id];
    const policy = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      dependsOn: [...(this.#input.prepared.dependencies.get(id) ?? [])],
      deletionPolicy: policy(resolveValue(declaration.DeletionPolicy, this.#ctx)),
      updateReplacePolicy: policy(resolveValue(declaration.UpdateReplacePolicy, this.#ctx)),
      metadata: declaration.Metadata,
    };
  }

  #type(id: string): string {
    return this.#input.prepared.template.Resources[id].Type;
  }

  #context(id: string) {
    return resourceContext(this.#input.deps, this.#input.stack, id, this.#type(id), this.#input.options);
  }

  #failureSummary(): string {
    const ids = (action: Failure['action']) =>
      this.#failures.filter((f) => f.action === action).map((f) => f.logicalId);
    const parts = (['create', 'update'] as const)
      .filter((action) => ids(action).length)
      .map((action) => `The following resource(s) failed to ${action}: [${ids(action).join(', ')}].`);
    return `${parts.join(' ')} ${this.#rollbackNote()}`.trim();
  }

  #rollbackNote(): string {
    return this.#input.mode === 'create' && this.#input.onFailure !== 'DO_NOTHING'
      ? 'Rollback requested by user.'
      : '';
  }

  async #fail(reason: string): Promise<StackRecord> {
    return rollBack({
      ...this.#input,
      reason,
      previous: this.#previous,
      changes: this.#changes,
      failures: this.#failures,
    });
  }

  async #succeed(outputs: ReturnType<typeof computeOutputs>): Promise<StackRecord> {
    const { deps, prepared, mode, options } = this.#input;
    let stack = this.#input.stack;
    const now = deps.clock.now();
    const settled = {
      template: prepared.template,
      templateBody: this.#input.templateBody,
      description: prepared.template.Description,
      parameters: prepared.parameters.described,
      outputs,
      statusReason: undefined,
    };
    deps.store.setExportsAndImports(stack, exportsOf(stack, outputs), [...this.#imports]);
    if (mode === 'create') {
      stack = deps.store.updateStack(stack.stackId, { ...settled, status: 'CREATE_COMPLETE' });
      options.events.stack('CREATE_COMPLETE');
      return stack;
    }
    stack = deps.store.updateStack(stack.stackId, {
      ...settled,
      status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      updatedAt: now,
    });
    options.events.stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const removed = [...this.#previous.values()].filter((r) => !prepared.order.includes(r.logicalId));
    await cleanUp({
      deps,
      stack,
      options,
      replaced: this.#changes.filter((c) => c.kind === 'replace'),
      removed,
    });
    stack = deps.store.updateStack(stack.stackId, { status: 'UPDATE_COMPLETE' });
    options.events.stack('UPDATE_COMPLETE');
    return stack;
  }
}
