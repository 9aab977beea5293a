import type { Clock } from '../../clock/clock.ts';
import type { RequestContext } from '../service.ts';
import { LogsErrors } from './errors.ts';
import type { LogEventRecord, LogGroupRecord, LogScope, LogStore } from './store.ts';

/** A new event as listeners (`stratus dev`'s live tail) receive it. */
export interface LogEventNotice {
  readonly accountId: string;
  readonly region: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
}

export type LogListener = (event: LogEventNotice) => void;

/** What the Logs operations share: the store, the clock and the listeners to tell. */
export interface LogsCore {
  readonly store: LogStore;
  readonly clock: Clock;
  publish(scope: LogScope, logGroupName: string, events: readonly LogEventRecord[]): void;
}

export function scopeOf(ctx: Pick<RequestContext, 'accountId' | 'region'>): LogScope {
  return { accountId: ctx.accountId, region: ctx.region };
}

/** The group, with events past its retention dropped first; ResourceNotFoundException if absent. */
export function requireGroup(core: LogsCore, scope: LogScope, name: string): LogGroupRecord {
  const group = core.store.getGroup(scope, name);
  if (!group) throw LogsErrors.groupNotFound();
  if (group.retentionInDays !== undefined) {
    core.store.expireEvents(scope, name, core.clock.now() - group.retentionInDays * 86_400_000);
  }
  return group;
}

/** `logGroupIdentifier` (a name or an ARN) or `logGroupName`, as the newer operations accept. */
export function groupNameOf(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
  if (input.logGroupName && input.logGroupIdentifier) {
    throw LogsErrors.invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const identifier = input.logGroupIdentifier;
  if (identifier?.startsWith('arn:')) return identifier.split(':')[6] ?? '';
  const name = input.logGroupName ?? identifier;
  if (!name) throw LogsErrors.invalidParameter('Either LogGroup name or LogGroup ARN must be provided.');
  return name;
}

export function logGroupArn(scope: LogScope, name: string): string {
  return `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${name}`;
}

export function logStreamArn(scope: LogScope, group: string, stream: string): string {
  return `${logGroupArn(scope, group)}:log-stream:${stream}`;
}

/** The retention periods CloudWatch Logs accepts. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
