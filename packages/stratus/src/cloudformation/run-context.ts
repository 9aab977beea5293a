import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import { isAwsError } from '../protocol/errors.ts';
import type { StackRecord, StackStore } from '../services/cloudformation/store.ts';
import type { EventRecorder } from './events.ts';
import type { SsmLookup } from './parameters.ts';
import type { AssetResolver, ResourceContext, ResourceProvider } from './provider.ts';

/** What the engine needs from the instance. */
export interface EngineDeps {
  readonly store: StackStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accountId: string;
  /** The provider of a resource type (ignored network types included), undefined when there is none. */
  provider(type: string): ResourceProvider | undefined;
  /** Reads the parameter store of a region (`name` or `name:version`). */
  ssm(region: string): SsmLookup;
}

/** What one stack operation carries through its steps. */
export interface RunOptions {
  readonly assets: AssetResolver;
  readonly events: EventRecorder;
  readonly onLog?: (stackName: string, logicalId: string, message: string) => void;
}

export function resourceContext(
  deps: EngineDeps,
  stack: StackRecord,
  logicalId: string,
  resourceType: string,
  options: RunOptions,
): ResourceContext {
  return {
    region: stack.region,
    accountId: stack.accountId,
    stackName: stack.stackName,
    stackId: stack.stackId,
    logicalId,
    resourceType,
    assets: options.assets,
    log: (message) => {
      if (options.onLog) options.onLog(stack.stackName, logicalId, message);
      else deps.logger.info(`${stack.stackName} ${logicalId}: ${message}`);
    },
  };
}

/** The reason a provider's failure is reported with; unexpected errors are logged as well. */
export function failureReason(deps: EngineDeps, logicalId: string, error: unknown): string {
  if (!isAwsError(error)) deps.logger.error(`CloudFormation: ${logicalId} failed unexpectedly`, error);
  const message = error instanceof Error ? error.message : String(error);
  return message || (isAwsError(error) ? error.code : 'Internal Failure');
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Whether a DeletionPolicy keeps the resource: on stack delete, and on a create's rollback. */
export function retains(policy: string | undefined, creationRollback: boolean): boolean {
  if (policy === 'Retain') return true;
  return policy === 'RetainExceptOnCreate' && !creationRollback;
}
