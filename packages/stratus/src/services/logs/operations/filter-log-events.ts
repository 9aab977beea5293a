import type { RequestContext } from '../../service.ts';
import { groupNameOf, type LogsCore, requireGroup, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';
import { compileFilterPattern } from '../filter-pattern.ts';
import type { EventCursor } from '../store.ts';
import { decodeToken, encodeToken, eventId } from '../tokens.ts';

export interface FilterLogEventsInput {
  readonly logGroupName?: string;
  readonly logGroupIdentifier?: string;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefix?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly filterPattern?: string;
  readonly nextToken?: string;
  readonly limit?: number;
}

const SCAN_PAGE = 1000;

/** Events of a group across its streams, in time order, that match the pattern. */
export function filterLogEvents(core: LogsCore, input: FilterLogEventsInput, ctx: RequestContext) {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw LogsErrors.invalidParameter('You cannot specify both LogStreamNames and LogStreamNamePrefix.');
  }
  const scope = scopeOf(ctx);
  const group = groupNameOf(input);
  requireGroup(core, scope, group);
  const matches = compileFilterPattern(input.filterPattern);
  const streams =
    input.logStreamNames ??
    (input.logStreamNamePrefix === undefined
      ? undefined
      : core.store
          .listStreams(scope, group, {
            prefix: input.logStreamNamePrefix,
            orderBy: 'LogStreamName',
            descending: false,
          })
          .map((s) => s.name));
  const limit = input.limit ?? 10_000;
  let cursor = decodeToken<EventCursor>(
    input.nextToken,
    (v) => Number.isInteger(v?.timestamp) && Number.isInteger(v?.id),
  );
  const found = [];
  let exhausted = false;
  while (found.length < limit && !exhausted) {
    const page = core.store.queryEvents(scope, group, {
      streams,
      startTime: input.startTime,
      endTime: input.endTime,
      endInclusive: true,
      after: cursor,
      limit: SCAN_PAGE,
    });
    exhausted = page.length < SCAN_PAGE;
    for (const event of page) {
      cursor = event;
      if (!matches(event.message)) continue;
      found.push(event);
      if (found.length === limit) break;
    }
  }
  const more = found.length === limit && !isLastEvent(core, scope, group, streams, input, cursor);
  return {
    events: found.map((e) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventId(e.id),
    })),
    searchedLogStreams: (streams ?? []).map((name) => ({ logStreamName: name, searchedCompletely: !more })),
    nextToken: more && cursor ? encodeToken({ timestamp: cursor.timestamp, id: cursor.id }) : undefined,
  };
}

function isLastEvent(
  core: LogsCore,
  scope: ReturnType<typeof scopeOf>,
  group: string,
  streams: readonly string[] | undefined,
  input: FilterLogEventsInput,
  cursor: EventCursor | undefined,
): boolean {
  const next = core.store.queryEvents(scope, group, {
    streams,
    startTime: input.startTime,
    endTime: input.endTime,
    endInclusive: true,
    after: cursor,
    limit: 1,
  });
  return next.length === 0;
}
