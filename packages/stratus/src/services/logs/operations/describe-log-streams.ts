import type { RequestContext } from '../../service.ts';
import { groupNameOf, type LogsCore, logStreamArn, requireGroup, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';
import { decodeToken, encodeToken } from '../tokens.ts';

export interface DescribeLogStreamsInput {
  readonly logGroupName?: string;
  readonly logGroupIdentifier?: string;
  readonly logStreamNamePrefix?: string;
  readonly orderBy?: 'LogStreamName' | 'LastEventTime';
  readonly descending?: boolean;
  readonly nextToken?: string;
  readonly limit?: number;
}

export function describeLogStreams(core: LogsCore, input: DescribeLogStreamsInput, ctx: RequestContext) {
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw LogsErrors.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const scope = scopeOf(ctx);
  const group = groupNameOf(input);
  requireGroup(core, scope, group);
  const limit = input.limit ?? 50;
  const start =
    decodeToken<{ offset: number }>(input.nextToken, (v) => Number.isInteger(v?.offset))?.offset ?? 0;
  const streams = core.store.listStreams(scope, group, {
    prefix: input.logStreamNamePrefix,
    orderBy,
    descending: input.descending ?? false,
  });
  const page = streams.slice(start, start + limit);
  return {
    logStreams: page.map((stream) => ({
      logStreamName: stream.name,
      creationTime: stream.creationTime,
      firstEventTimestamp: stream.firstEventTimestamp,
      lastEventTimestamp: stream.lastEventTimestamp,
      lastIngestionTime: stream.lastIngestionTime,
      uploadSequenceToken: '1',
      arn: logStreamArn(scope, group, stream.name),
      storedBytes: 0,
    })),
    nextToken: start + limit < streams.length ? encodeToken({ offset: start + limit }) : undefined,
  };
}
