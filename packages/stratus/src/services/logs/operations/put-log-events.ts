import type { RequestContext } from '../../service.ts';
import { type LogsCore, requireGroup, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';

export interface PutLogEventsInput {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly logEvents: readonly { timestamp: number; message: string }[];
  readonly sequenceToken?: string;
}

const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const DAY_MS = 86_400_000;
const FUTURE_LIMIT_MS = 2 * 3_600_000;
const PAST_LIMIT_MS = 14 * DAY_MS;

export function putLogEvents(core: LogsCore, input: PutLogEventsInput, ctx: RequestContext) {
  const scope = scopeOf(ctx);
  const group = requireGroup(core, scope, input.logGroupName);
  if (!core.store.getStream(scope, input.logGroupName, input.logStreamName))
    throw LogsErrors.streamNotFound();
  const events = input.logEvents;
  checkBatch(events);
  const now = core.clock.now();
  const oldest = Math.max(
    now - PAST_LIMIT_MS,
    group.retentionInDays === undefined ? 0 : now - group.retentionInDays * DAY_MS,
  );
  let tooOldEnd = -1;
  let tooNewStart = events.length;
  events.forEach((event, index) => {
    if (event.timestamp < oldest) tooOldEnd = index;
    if (event.timestamp > now + FUTURE_LIMIT_MS && index < tooNewStart) tooNewStart = index;
  });
  const accepted = events.slice(tooOldEnd + 1, tooNewStart);
  const stored = core.store.appendEvents(scope, input.logGroupName, input.logStreamName, accepted, now);
  core.publish(scope, input.logGroupName, stored);
  const rejected =
    tooOldEnd >= 0 || tooNewStart < events.length
      ? {
          tooOldLogEventEndIndex: tooOldEnd >= 0 ? tooOldEnd : undefined,
          tooNewLogEventStartIndex: tooNewStart < events.length ? tooNewStart : undefined,
        }
      : undefined;
  return {
    nextSequenceToken: String(stored.at(-1)?.id ?? 0).padStart(56, '0'),
    rejectedLogEventsInfo: rejected,
  };
}

function checkBatch(events: PutLogEventsInput['logEvents']): void {
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    bytes += Buffer.byteLength(events[i]!.message) + EVENT_OVERHEAD_BYTES;
    if (i > 0 && events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw LogsErrors.invalidParameter(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  }
  if (bytes > MAX_BATCH_BYTES) {
    throw LogsErrors.invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
  if (events.length > 1 && events.at(-1)!.timestamp - events[0]!.timestamp > DAY_MS) {
    throw LogsErrors.invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
}
