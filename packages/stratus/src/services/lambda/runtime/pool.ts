import type { Clock } from '../../../clock/clock.ts';
import type { ExecutionEnvironment } from './environment.ts';

/**
 * The execution environments of one function: idle ones wait (most recently used first) for
 * the next invocation and are reclaimed after an idle period of Stratus clock time.
 */
export class EnvironmentPool {
  readonly #clock: Clock;
  readonly #idleTimeoutMs: () => number;
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #all = new Set<ExecutionEnvironment>();

  constructor(clock: Clock, idleTimeoutMs: () => number) {
    this.#clock = clock;
    this.#idleTimeoutMs = idleTimeoutMs;
  }

  get size(): number {
    return this.#all.size;
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  /**
   * A warm environment of this revision whose credentials last beyond `validUntil` (Stratus clock
   * time); stale ones are retired on the way.
   */
  take(revisionId: string, validUntil: number): ExecutionEnvironment | undefined {
    while (this.#idle.length > 0) {
      // Its idle timer stays armed: when it fires on a busy environment it does nothing.
      const env = this.#idle.pop()!;
      if (env.alive && env.revisionId === revisionId && env.credentials.expiration > validUntil) return env;
      void env.terminate();
    }
    return undefined;
  }

  add(env: ExecutionEnvironment): void {
    this.#all.add(env);
    env.onExit = () => {
      this.#all.delete(env);
      const index = this.#idle.indexOf(env);
      if (index !== -1) this.#idle.splice(index, 1);
    };
  }

  /**
   * Back to idle after an invocation (a dead environment just leaves). The idle timer is armed
   * once and moved only when it would fire late, so a busy environment costs no timer per call.
   */
  release(env: ExecutionEnvironment): void {
    if (!env.alive) return;
    this.#idle.push(env);
    env.idleSince = this.#clock.now();
    const dueAt = env.idleSince + this.#idleTimeoutMs();
    if (env.idleTimer && env.idleDueAt <= dueAt) return;
    env.idleTimer?.cancel();
    this.#arm(env, dueAt);
  }

  #arm(env: ExecutionEnvironment, dueAt: number): void {
    env.idleDueAt = dueAt;
    env.idleTimer = this.#clock.setTimeout(() => {
      env.idleTimer = undefined;
      const index = this.#idle.indexOf(env);
      if (index === -1) return; // busy (or gone): the next release arms it again
      const due = env.idleSince + this.#idleTimeoutMs();
      if (due > this.#clock.now()) return this.#arm(env, due);
      this.#idle.splice(index, 1);
      void env.terminate();
    }, dueAt - this.#clock.now());
  }

  /** Ends idle environments (after a code or configuration change); busy ones retire when released. */
  retireIdle(): void {
    for (const env of this.#idle.splice(0)) void env.terminate();
  }

  async drain(): Promise<void> {
    this.#idle.length = 0;
    await Promise.all([...this.#all].map((env) => env.terminate()));
    this.#all.clear();
  }
}
