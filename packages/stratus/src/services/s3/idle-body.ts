import { PassThrough, type Readable } from 'node:stream';
import { S3Errors } from './errors.ts';

/** How long S3 waits for the next bytes of a request body before it gives up on the client. */
export const DEFAULT_BODY_IDLE_TIMEOUT_MS = 20_000;

/**
 * The body stream, failing with S3's RequestTimeout when the client sends nothing for `idleMs`
 * while Stratus is ready for more (time spent waiting on Stratus's own writer does not count).
 * The socket's stream is piped, not destroyed, so the error can still be answered on it.
 */
export function guardIdleBody(source: Readable, idleMs: number): Readable {
  if (source.readableEnded) return source;
  const guarded = new PassThrough({ highWaterMark: source.readableHighWaterMark });
  const timer = setTimeout(function expire() {
    if (guarded.writableNeedDrain) return void timer.refresh();
    source.unpipe(guarded);
    guarded.destroy(S3Errors.requestTimeout());
  }, idleMs);
  timer.unref();
  source.on('data', () => timer.refresh());
  source.once('end', () => clearTimeout(timer));
  source.once('close', () => clearTimeout(timer));
  guarded.once('close', () => clearTimeout(timer));
  source.once('error', (error) => guarded.destroy(error));
  source.pipe(guarded);
  return guarded;
}
