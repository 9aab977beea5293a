import type { ClockTimer } from '../../../clock/clock.ts';
import type { Logger } from '../../../logger.ts';
import type { S3Core } from '../core.ts';
import { sweepLifecycle } from './sweep.ts';

/** How often lifecycle rules are applied, in Stratus time (S3 itself runs them about daily). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Runs the lifecycle sweep on the Stratus clock: advancing the clock past a due time expires objects. */
export class LifecycleScheduler {
  readonly #core: S3Core;
  readonly #logger: Logger;
  #timer: ClockTimer | undefined;

  constructor(core: S3Core, logger: Logger) {
    this.#core = core;
    this.#logger = logger;
  }

  start(): void {
    this.#timer ??= this.#core.clock.setInterval(() => this.sweep(), SWEEP_EVERY_MS);
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** One pass now; the metadata changes before this returns, the bodies go after. */
  sweep(): void {
    try {
      const { files, events } = sweepLifecycle(this.#core);
      for (const { kind, object } of events) this.#core.events.lifecycle(kind, object);
      for (const file of files) {
        this.#core.bodies
          .remove(file)
          .catch((error) => this.#logger.error('s3 lifecycle: removing a body failed', error));
      }
    } catch (error) {
      this.#logger.error('s3 lifecycle sweep failed', error);
    }
  }
}
