import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import { type AwsService, type Operation, operationBinder, type ServiceDeps } from '../service.ts';
import { logGroupProvider } from './cfn/log-group.ts';
import type { LogEventNotice, LogListener, LogsCore } from './core.ts';
import { createLogGroup } from './operations/create-log-group.ts';
import { createLogStream } from './operations/create-log-stream.ts';
import { deleteLogGroup } from './operations/delete-log-group.ts';
import { deleteLogStream } from './operations/delete-log-stream.ts';
import { deleteRetentionPolicy } from './operations/delete-retention-policy.ts';
import { describeLogGroups } from './operations/describe-log-groups.ts';
import { describeLogStreams } from './operations/describe-log-streams.ts';
import { filterLogEvents } from './operations/filter-log-events.ts';
import { getLogEvents } from './operations/get-log-events.ts';
import { putLogEvents } from './operations/put-log-events.ts';
import { putRetentionPolicy } from './operations/put-retention-policy.ts';
import { type LogScope, LogStore } from './store.ts';

export type { LogEventNotice, LogListener } from './core.ts';

/** Where an in-process writer (Lambda) sends its lines. */
export interface LogTarget extends LogScope {
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** CloudWatch Logs: log groups, streams and events (Lambda's console output lands here). */
export class LogsService implements AwsService {
  readonly name = 'logs';
  readonly model = loadModel('logs');
  readonly operations: Record<string, Operation>;
  readonly providers: Record<string, ResourceProvider>;
  readonly deps: ServiceDeps;
  readonly #core: LogsCore;
  readonly #listeners = new Set<LogListener>();

  constructor(deps: ServiceDeps) {
    this.deps = deps;
    const store = new LogStore(deps.storage);
    this.#core = {
      store,
      clock: deps.clock,
      publish: (scope, logGroupName, events) => {
        if (this.#listeners.size === 0) return;
        for (const event of events) {
          const notice: LogEventNotice = { ...scope, logGroupName, ...event };
          for (const listener of this.#listeners) {
            try {
              listener(notice);
            } catch (error) {
              deps.logger.error('a log listener failed', error);
            }
          }
        }
      },
    };
    const core = this.#core;
    const bind = operationBinder(core);
    this.operations = {
      CreateLogGroup: bind(createLogGroup),
      DeleteLogGroup: bind(deleteLogGroup),
      DescribeLogGroups: bind(describeLogGroups),
      CreateLogStream: bind(createLogStream),
      DeleteLogStream: bind(deleteLogStream),
      DescribeLogStreams: bind(describeLogStreams),
      PutLogEvents: bind(putLogEvents),
      GetLogEvents: bind(getLogEvents),
      FilterLogEvents: bind(filterLogEvents),
      PutRetentionPolicy: bind(putRetentionPolicy),
      DeleteRetentionPolicy: bind(deleteRetentionPolicy),
    };
    this.providers = { 'AWS::Logs::LogGroup': logGroupProvider(core) as ResourceProvider };
  }

  /**
   * Appends events in-process (Lambda's runtime output), creating the group and stream when
   * missing, as Lambda does with its execution role's logs permissions.
   */
  write(target: LogTarget, events: readonly { timestamp: number; message: string }[]): void {
    const { store, clock } = this.#core;
    const now = clock.now();
    store.createGroup(target, target.logGroupName, now);
    store.createStream(target, target.logGroupName, target.logStreamName, now);
    const stored = store.appendEvents(target, target.logGroupName, target.logStreamName, events, now);
    this.#core.publish(target, target.logGroupName, stored);
  }

  /** Calls `listener` for every new event; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#listeners.clear();
  }
}
