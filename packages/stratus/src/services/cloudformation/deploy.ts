import { readFile } from 'node:fs/promises';
import { loadCloudAssembly } from '../../cloudformation/assembly.ts';
import type { DeployRequest, StackEngine } from '../../cloudformation/engine.ts';
import type { DeployEvent, DeployEventListener } from '../../cloudformation/events.ts';
import { parseTemplate } from '../../cloudformation/template.ts';
import { AwsError, isAwsError } from '../../protocol/errors.ts';
import type { StackOutput, StackRecord, StackStore } from './store.ts';

/** A resource that failed during a deploy, and why. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason: string;
}

/** How a stack ended a deploy or delete: what the CLI prints. */
export interface DeployedStack {
  readonly stackName: string;
  readonly stackId: string;
  readonly region: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly outputs: readonly StackOutput[];
  /** The resources that failed (their rollback already done), with the reasons. */
  readonly failures: readonly ResourceFailure[];
}

interface DeployContext {
  readonly engine: StackEngine;
  readonly store: StackStore;
  readonly accountId: string;
  readonly defaultRegion: string;
}

interface Listeners {
  readonly region?: string;
  readonly onEvent?: DeployEventListener;
  readonly onLog?: DeployRequest['onLog'];
}

const SUCCEEDED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE']);

export async function deployAssembly(
  ctx: DeployContext,
  directory: string,
  options: Listeners,
): Promise<DeployedStack[]> {
  const assembly = await loadCloudAssembly(directory);
  const deployed: DeployedStack[] = [];
  for (const stack of assembly.stacks) {
    // A stack pinned to a region deploys there, as with `cdk deploy`; agnostic stacks go where asked.
    const region = stack.region ?? options.region ?? ctx.defaultRegion;
    const result = await run(ctx, options, {
      mode: 'deploy',
      stackName: stack.stackName,
      region,
      template: stack.template,
      templateBody: stack.templateBody,
      parameters: stack.parameters,
      assets: assembly.assets(ctx.accountId, region),
    }).catch((error: unknown) => {
      // Which of the app's stacks was refused matters to the reader: name it.
      if (!isAwsError(error)) throw error;
      throw new AwsError(error.code, `${stack.stackName}: ${error.message}`, { status: error.status });
    });
    deployed.push(result);
    if (!SUCCEEDED.has(result.status)) break;
  }
  return deployed;
}

export async function deployTemplate(
  ctx: DeployContext,
  source: string | object,
  options: Listeners & { stackName: string; parameters?: Readonly<Record<string, string>> },
): Promise<DeployedStack> {
  const templateBody =
    typeof source === 'string' ? await readFile(source, 'utf8') : JSON.stringify(source, null, 2);
  const template = typeof source === 'string' ? await parseTemplate(templateBody) : source;
  return run(ctx, options, {
    mode: 'deploy',
    stackName: options.stackName,
    region: options.region ?? ctx.defaultRegion,
    template,
    templateBody,
    parameters: options.parameters,
  });
}

export async function deleteStackByName(
  ctx: DeployContext,
  stackName: string,
  options: Listeners,
): Promise<DeployedStack> {
  const region = options.region ?? ctx.defaultRegion;
  const stack = ctx.store.findStack(ctx.accountId, region, stackName);
  if (!stack) return { stackName, stackId: '', region, status: 'DELETE_COMPLETE', outputs: [], failures: [] };
  const failures: ResourceFailure[] = [];
  const operation = ctx.engine.delete(stack, {
    onEvent: collecting(failures, options.onEvent),
    onLog: options.onLog,
  });
  return describe(await operation.done, failures);
}

async function run(
  ctx: DeployContext,
  options: Listeners,
  request: Omit<DeployRequest, 'onEvent' | 'onLog'>,
): Promise<DeployedStack> {
  const failures: ResourceFailure[] = [];
  const operation = ctx.engine.deploy({
    ...request,
    onEvent: collecting(failures, options.onEvent),
    onLog: options.onLog,
  });
  return describe(await operation.done, failures);
}

function collecting(
  failures: ResourceFailure[],
  listener: DeployEventListener | undefined,
): DeployEventListener {
  return (event: DeployEvent) => {
    if (event.status.endsWith('_FAILED') && event.resourceType !== 'AWS::CloudFormation::Stack') {
      failures.push({
        logicalId: event.logicalId,
        resourceType: event.resourceType,
        status: event.status,
        reason: event.reason ?? '',
      });
    }
    listener?.(event);
  };
}

function describe(stack: StackRecord, failures: ResourceFailure[]): DeployedStack {
  return {
    stackName: stack.stackName,
    stackId: stack.stackId,
    region: stack.region,
    status: stack.status,
    statusReason: stack.statusReason,
    outputs: stack.outputs,
    failures,
  };
}
