import type { ResourceProvider } from '../../cloudformation/provider.ts';
import { loadModel } from '../../protocol/models/index.ts';
import { type AwsService, type Operation, operationBinder, type ServiceDeps } from '../service.ts';
import { logsAuthorization } from './authorization.ts';
import { logGroupProvider } from './cfn/log-group.ts';
import type { LogListener, LogsCore } from './core.ts';
import { type LogBatchListener, LogFeed } from './feed.ts';
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
import { PendingWrites } from './pending-writes.ts';
import { type LogScope, LogStore, streamKey } from './store.ts';

export type { LogEventNotice, LogListener } from './core.ts';
export type { LogBatchListener } from './feed.ts';

/** Where an in-process writer (Lambda) sends its lines. */
export interface LogTarget extends LogScope {
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** CloudWatch Logs: log groups, streams and events (Lambda's console output lands here). */
export class LogsService implements AwsService {
  readonly name = 'logs';
  readonly model = loadModel('logs');
  readonly authorize = logsAuthorization;
  readonly operations: Record<string, Operation>;
  readonly providers: Record<string, ResourceProvider>;
  readonly deps: ServiceDeps;
  readonly #core: LogsCore;
  readonly #feed: LogFeed;
  readonly #pending: PendingWrites;
  /** Stream keys of in-process writers' targets (Lambda keeps one target per environment). */
  readonly #targetKeys = new WeakMap<LogTarget, string>();
  #stopped = false;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
    const store = new LogStore(deps.storage);
    const feed = new LogFeed(deps.logger);
    const pending = new PendingWrites(store, deps.logger);
    this.#feed = feed;
    this.#pending = pending;
    this.#core = {
      // Every reader and writer of the store sees the in-process writes still waiting.
      get store() {
        pending.flush();
        return store;
      },
      clock: deps.clock,
      publish: (scope, logGroupName, events) => feed.publish(scope, logGroupName, events),
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
   * missing, as Lambda does with its execution role's logs permissions. The events reach SQLite
   * a few milliseconds later, or before any Logs operation reads the store, whichever comes first.
   */
  write(
    target: LogTarget,
    events: readonly { timestamp: number; message: string }[],
    closing?: boolean,
  ): void {
    const ingestionTime = this.#core.clock.now();
    const { logGroupName: group, logStreamName: stream } = target;
    let key = this.#targetKeys.get(target);
    if (key === undefined) this.#targetKeys.set(target, (key = streamKey(target, group, stream)));
    const run = { scope: target, group, stream, ingestionTime, events, key, closing };
    this.#pending.add(run);
    if (this.#stopped) this.#pending.flush();
    this.#feed.publishRun(run);
  }

  /** Calls `listener` for every new event, as it is written; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    return this.#feed.subscribe(listener);
  }

  /** Calls `listener` once per turn of the event loop with that turn's new events (as runs); returns the unsubscribe function. */
  subscribeBatches(listener: LogBatchListener): () => void {
    return this.#feed.subscribeBatches(listener);
  }

  /** Writes what is pending and stops telling listeners. */
  stop(): void {
    this.#stopped = true;
    this.#pending.flush();
    this.#feed.stop();
  }
}
