import type { RequestContext } from '../../service.ts';
import { groupNameOf, type LogsCore, requireGroup, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';
import type { EventCursor } from '../store.ts';
import { parseStreamToken, streamToken } from '../tokens.ts';

export interface GetLogEventsInput {
  readonly logGroupName?: string;
  readonly logGroupIdentifier?: string;
  readonly logStreamName: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly nextToken?: string;
  readonly limit?: number;
  readonly startFromHead?: boolean;
}

/**
 * Reads one stream in time order. Without a token, the newest `limit` events (or the oldest
 * with startFromHead). A forward token reads on after the last event returned, a backward
 * token before the first; at either end AWS hands back the token it was given.
 */
export function getLogEvents(core: LogsCore, input: GetLogEventsInput, ctx: RequestContext) {
  const scope = scopeOf(ctx);
  const group = groupNameOf(input);
  requireGroup(core, scope, group);
  if (!core.store.getStream(scope, group, input.logStreamName)) throw LogsErrors.streamNotFound();
  const limit = input.limit ?? 10_000;
  const token = input.nextToken === undefined ? undefined : parseStreamToken(input.nextToken);
  const forward = token ? token.direction === 'f' : (input.startFromHead ?? false);
  const rows = core.store.queryEvents(scope, group, {
    streams: [input.logStreamName],
    startTime: input.startTime,
    endTime: input.endTime,
    after: token?.direction === 'f' ? token.cursor : undefined,
    before: token?.direction === 'b' ? token.cursor : undefined,
    newestFirst: !forward,
    limit,
  });
  const events = forward ? rows : rows.reverse();
  const first: EventCursor | undefined = events[0];
  const last: EventCursor | undefined = events.at(-1);
  const origin = token?.cursor ?? { timestamp: 0, id: 0 };
  return {
    events: events.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: last ? streamToken('f', last) : (input.nextToken ?? streamToken('f', origin)),
    nextBackwardToken: first ? streamToken('b', first) : (input.nextToken ?? streamToken('b', origin)),
  };
}
