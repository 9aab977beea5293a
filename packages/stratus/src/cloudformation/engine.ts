import { randomUUID } from 'node:crypto';
import { CloudFormationErrors } from '../services/cloudformation/errors.ts';
import type { StackRecord } from '../services/cloudformation/store.ts';
import { type ApplyInput, applyTemplate, type OnFailure } from './apply.ts';
import { NO_ASSETS } from './assembly.ts';
import { type DeployEventListener, EventRecorder } from './events.ts';
import { prepareTemplate } from './prepare.ts';
import type { AssetResolver } from './provider.ts';
import { canonicalJson, type EngineDeps, type RunOptions } from './run-context.ts';
import { deleteStackResources } from './teardown.ts';

export interface DeployRequest {
  readonly stackName: string;
  readonly region: string;
  /** The parsed template. */
  readonly template: unknown;
  /** The template as given (GetTemplate returns it). */
  readonly templateBody: string;
  readonly parameters?: Readonly<Record<string, string>>;
  /** Parameters that keep the stack's current value (UpdateStack's UsePreviousValue). */
  readonly previousParameters?: readonly string[];
  /**
   * `create` (CreateStack) needs a new stack, `update` (UpdateStack) an existing one; `deploy` (the
   * Stratus CLI, like `cdk deploy`) does either, re-creates a stack left in ROLLBACK_COMPLETE and
   * treats an unchanged template as nothing to do.
   */
  readonly mode: 'create' | 'update' | 'deploy';
  readonly onFailure?: OnFailure;
  readonly tags?: readonly { Key: string; Value: string }[];
  readonly capabilities?: readonly string[];
  readonly assets?: AssetResolver;
  readonly onEvent?: DeployEventListener;
  readonly onLog?: RunOptions['onLog'];
}

export interface StackOperation {
  readonly stackId: string;
  /** Settles (never rejects) when the operation has ended, with the stack as it ended. */
  readonly done: Promise<StackRecord>;
}

const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
]);
/**
 * What the Stratus CLI also updates, from what is left: on AWS these states need
 * ContinueUpdateRollback or a successful delete first.
 */
const DEPLOYABLE = new Set([...UPDATABLE, 'UPDATE_ROLLBACK_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED']);

/**
 * The CloudFormation engine: validates a template synchronously (a ValidationError changes
 * nothing), then creates, updates or deletes the stack's resources in the background.
 */
export class StackEngine {
  readonly #deps: EngineDeps;
  readonly #running = new Set<Promise<unknown>>();

  constructor(deps: EngineDeps) {
    this.#deps = deps;
  }

  deploy(request: DeployRequest): StackOperation {
    const { store, accountId, clock } = this.#deps;
    const { stackName, region, mode } = request;
    const existing = store.findStack(accountId, region, stackName);
    if (mode === 'create' && existing) throw CloudFormationErrors.alreadyExists(stackName);
    if (mode === 'update' && !existing)
      throw CloudFormationErrors.validation(`Stack [${stackName}] does not exist`);
    const replacing = mode === 'deploy' && existing?.status === 'ROLLBACK_COMPLETE' ? existing : undefined;
    const updating = existing && !replacing ? existing : undefined;
    if (updating && !(mode === 'deploy' ? DEPLOYABLE : UPDATABLE).has(updating.status)) {
      throw CloudFormationErrors.notUpdatable(updating.stackId, updating.status);
    }
    const stackId =
      updating?.stackId ?? `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${randomUUID()}`;
    const previous = new Map(updating?.parameters.map((p) => [p.ParameterKey, p.ParameterValue]) ?? []);
    const parameters: Record<string, string> = {};
    for (const key of request.previousParameters ?? []) {
      const value = previous.get(key);
      if (value === undefined)
        throw CloudFormationErrors.validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      parameters[key] = value;
    }
    Object.assign(parameters, request.parameters);
    const prepared = prepareTemplate({
      template: request.template,
      identity: { accountId, region, stackName, stackId },
      parameters,
      ssm: this.#deps.ssm(region),
      provider: (type) => this.#deps.provider(type),
      importValue: (name) => store.getExport(accountId, region, name)?.value,
    });
    if (
      updating &&
      canonicalJson(updating.template) === canonicalJson(prepared.template) &&
      canonicalJson(updating.parameters) === canonicalJson(prepared.parameters.described)
    ) {
      if (mode === 'update') throw CloudFormationErrors.noUpdates();
      return { stackId, done: Promise.resolve(updating) };
    }
    if (replacing) this.#forgetRolledBack(replacing, request.onEvent);

    const now = clock.now();
    const stack: StackRecord = updating
      ? store.updateStack(stackId, {
          status: 'UPDATE_IN_PROGRESS',
          statusReason: 'User Initiated',
          ...(request.tags ? { tags: request.tags } : {}),
          ...(request.capabilities ? { capabilities: request.capabilities } : {}),
        })
      : {
          stackId,
          accountId,
          region,
          stackName,
          status: 'CREATE_IN_PROGRESS',
          statusReason: 'User Initiated',
          description: prepared.template.Description,
          template: prepared.template,
          templateBody: request.templateBody,
          parameters: prepared.parameters.described,
          outputs: [],
          tags: request.tags ?? [],
          capabilities: request.capabilities ?? [],
          disableRollback: request.onFailure === 'DO_NOTHING',
          createdAt: now,
        };
    if (!updating) store.putStack(stack);
    const options = this.#options(stack, request);
    options.events.stack(stack.status, 'User Initiated');
    const input: ApplyInput = {
      deps: this.#deps,
      stack,
      prepared,
      templateBody: request.templateBody,
      mode: updating ? 'update' : 'create',
      onFailure: request.onFailure ?? 'ROLLBACK',
      options,
    };
    return { stackId, done: this.#track(stackId, () => applyTemplate(input)) };
  }

  /** Starts deleting a stack (a deleted one settles at once). */
  delete(
    stack: StackRecord,
    request: { retain?: readonly string[]; onEvent?: DeployEventListener; onLog?: RunOptions['onLog'] } = {},
  ): StackOperation {
    if (stack.deletedAt) return { stackId: stack.stackId, done: Promise.resolve(stack) };
    if (stack.status.endsWith('_IN_PROGRESS')) {
      throw CloudFormationErrors.validation(
        `Stack:${stack.stackId} is in ${stack.status} state and can not be deleted.`,
      );
    }
    const options = this.#options(stack, request);
    const done = this.#track(stack.stackId, () =>
      deleteStackResources(this.#deps, stack, options, request.retain),
    );
    return { stackId: stack.stackId, done };
  }

  /** Resolves once no operation runs (the instance waits for this before it stops). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running]);
  }

  /** Stacks whose operation an earlier process left unfinished end in the matching failed state. */
  recover(): void {
    const ends: Record<string, string> = {
      CREATE_IN_PROGRESS: 'CREATE_FAILED',
      ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
      UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
      UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
      UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
      UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
      DELETE_IN_PROGRESS: 'DELETE_FAILED',
    };
    for (const stack of this.#deps.store.stacksInProgress()) {
      const status = ends[stack.status] ?? 'UPDATE_ROLLBACK_FAILED';
      const reason = 'Stratus stopped while this stack operation was in progress.';
      this.#deps.store.updateStack(stack.stackId, { status, statusReason: reason });
      new EventRecorder(this.#deps.store, this.#deps.clock, stack).stack(status, reason);
    }
  }

  #options(
    stack: StackRecord,
    request: { assets?: AssetResolver; onEvent?: DeployEventListener; onLog?: RunOptions['onLog'] },
  ): RunOptions {
    return {
      assets: request.assets ?? NO_ASSETS,
      events: new EventRecorder(this.#deps.store, this.#deps.clock, stack, request.onEvent),
      onLog: request.onLog,
    };
  }

  /** A stack left in ROLLBACK_COMPLETE has no resources left: `cdk deploy` deletes it and creates it anew. */
  #forgetRolledBack(stack: StackRecord, onEvent?: DeployEventListener): void {
    const events = new EventRecorder(this.#deps.store, this.#deps.clock, stack, onEvent);
    events.stack('DELETE_IN_PROGRESS', 'User Initiated');
    this.#deps.store.updateStack(stack.stackId, {
      status: 'DELETE_COMPLETE',
      deletedAt: this.#deps.clock.now(),
    });
    events.stack('DELETE_COMPLETE');
  }

  /** Runs an operation in the background; an unexpected failure leaves the stack failed, never a crash. */
  #track(stackId: string, operation: () => Promise<StackRecord>): Promise<StackRecord> {
    const { store, logger } = this.#deps;
    const done = operation().catch((error: unknown) => {
      logger.error(`CloudFormation: the operation on ${stackId} failed unexpectedly`, error);
      try {
        const stack = store.getStack(stackId)!;
        const status = stack.status.startsWith('DELETE')
          ? 'DELETE_FAILED'
          : stack.status.startsWith('UPDATE')
            ? 'UPDATE_ROLLBACK_FAILED'
            : 'ROLLBACK_FAILED';
        const reason = `Internal failure: ${error instanceof Error ? error.message : String(error)}`;
        new EventRecorder(store, this.#deps.clock, stack).stack(status, reason);
        return store.updateStack(stackId, { status, statusReason: reason });
      } catch (cause) {
        logger.error(`CloudFormation: could not record the failure of ${stackId}`, cause);
        return { stackId, status: 'ROLLBACK_FAILED' } as StackRecord;
      }
    });
    this.#running.add(done);
    done.finally(() => this.#running.delete(done));
    return done;
  }
}
