import { Worker } from 'node:worker_threads';
import type { ClockTimer } from '../../../clock/clock.ts';
import type { TemporaryCredentials } from '../../../iam/credentials.ts';
import {
  type BootstrapConfig,
  type DoneMessage,
  type ErrorPayload,
  type InvokeMessage,
  packInvoke,
  unpackDone,
  type WorkerMessage,
} from './messages.ts';

const BOOTSTRAP = new URL('./bootstrap.js', import.meta.url);

/** AWS gives the init phase of an on-demand environment 10 seconds. */
const INIT_LIMIT_MS = 10_000;

export interface EnvironmentSpec {
  readonly bootstrap: BootstrapConfig;
  readonly env: Record<string, string>;
  readonly memorySize: number;
  readonly revisionId: string;
  readonly credentials: TemporaryCredentials;
}

export type InitResult = { readonly ok: true } | { readonly ok: false; readonly error: ErrorPayload };

export type InvocationOutcome =
  | { readonly kind: 'success'; readonly payload: string; readonly memoryMb: number }
  | { readonly kind: 'error'; readonly error: ErrorPayload; readonly memoryMb: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'crash'; readonly error: ErrorPayload; readonly reason: string };

/** The invocation an environment is running, and how to answer it. */
interface RunningInvocation {
  readonly requestId: string;
  readonly resolve: (outcome: InvocationOutcome) => void;
}

/**
 * One execution environment: a worker thread that loaded the function's module once and
 * serves one invocation at a time. Its heap is capped from MemorySize, as the Node.js runtime
 * caps V8 (the old space gets 90 % of the memory). A timeout or a crash ends it.
 */
export class ExecutionEnvironment {
  readonly id: string;
  readonly logStreamName: string;
  readonly revisionId: string;
  readonly credentials: TemporaryCredentials;
  /** Where the runtime's output goes (set by whoever runs the current phase). */
  onLog: (text: string, time: number | undefined) => void = () => {};
  /** Called once when the worker is gone, for whatever reason. */
  onExit: () => void = () => {};
  idleTimer: ClockTimer | undefined;
  /** Stratus clock time the environment last went idle, and when its idle timer fires. */
  idleSince = 0;
  idleDueAt = 0;
  initDurationMs = 0;
  /** True until the first invocation has reported the init duration. */
  fresh = true;
  /**
   * The START line of the running invocation, not yet written: it goes out with the invocation's first
   * line (its own output, or END and REPORT), so a quiet invocation costs one log write, not two.
   */
  pendingStart: { readonly message: string; readonly timestamp: number } | undefined;
  #worker: Worker | undefined;
  #startError: string | undefined;
  #alive = true;
  #outOfMemory = false;
  /** Waits for the end of the init phase. */
  #initializing: ((message: WorkerMessage | { type: 'exit'; code: number }) => void) | undefined;
  /**
   * The invocation in progress. A plain record, settled by the methods below: a closure per invocation kept
   * in a field of this long-lived object left every invocation's objects (the event included) reachable from
   * old space after it ended, so young-generation GCs copied them all into the old space.
   */
  #running: RunningInvocation | undefined;
  /** The running invocation's timeout (real time, `performance.now()`), or 0 between invocations. */
  #deadline = 0;
  #deadlineTimer: NodeJS.Timeout | undefined;
  #deadlineDueAt = 0;

  constructor(spec: EnvironmentSpec, id: string, logStreamName: string) {
    this.id = id;
    this.logStreamName = logStreamName;
    this.revisionId = spec.revisionId;
    this.credentials = spec.credentials;
    try {
      this.#worker = this.#start(spec);
    } catch (error) {
      // Node refuses some NODE_OPTIONS before any code runs; the runtime process would exit with status 9.
      this.#alive = false;
      this.#startError = (error as Error).message;
    }
  }

  #start(spec: EnvironmentSpec): Worker {
    const oldSpace = Math.max(16, spec.memorySize - Math.floor(spec.memorySize / 10));
    const worker = new Worker(BOOTSTRAP, {
      workerData: spec.bootstrap,
      env: spec.env,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: oldSpace },
    });
    worker.stdout.on('data', (chunk: Buffer) => this.onLog(chunk.toString('utf8'), undefined));
    worker.stderr.on('data', (chunk: Buffer) => this.onLog(chunk.toString('utf8'), undefined));
    worker.on('message', (message: WorkerMessage | string) => {
      if (typeof message === 'string') this.#done(unpackDone(message));
      else if (message.type === 'log') this.onLog(message.text, message.time);
      else if (message.type === 'done') this.#done(message);
      else this.#initializing?.(message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#outOfMemory = true;
      else this.onLog(`${error.stack ?? error.message}\n`, undefined);
    });
    worker.on('exit', (code) => {
      this.#alive = false;
      this.idleTimer?.cancel();
      clearTimeout(this.#deadlineTimer);
      this.#deadlineTimer = undefined;
      this.#initializing?.({ type: 'exit', code });
      this.#exited(code);
      this.onExit();
    });
    return worker;
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Waits for the module to load (the init phase, on behalf of the invocation that started it). */
  init(requestId: string): Promise<InitResult> {
    const started = performance.now();
    if (this.#startError !== undefined) {
      this.onLog(`node: ${this.#startError}\n`, undefined);
      this.onExit();
      return Promise.resolve({ ok: false, error: this.#exitError(requestId, 9) });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void this.terminate();
        resolve({
          ok: false,
          error: { errorType: 'Sandbox.Timedout', errorMessage: 'Init phase timed out after 10.00 seconds' },
        });
      }, INIT_LIMIT_MS);
      this.#initializing = (message) => {
        if (message.type !== 'ready' && message.type !== 'init-error' && message.type !== 'exit') return;
        clearTimeout(timer);
        this.#initializing = undefined;
        this.initDurationMs = performance.now() - started;
        if (message.type === 'ready') resolve({ ok: true });
        else if (message.type === 'init-error') resolve({ ok: false, error: message.error });
        else resolve({ ok: false, error: this.#exitError(requestId, message.code) });
      };
    });
  }

  /** Runs one invocation; a timeout terminates the environment. */
  invoke(message: InvokeMessage, timeoutMs: number): Promise<InvocationOutcome> {
    return new Promise((resolve) => {
      if (!this.#alive) {
        resolve({ kind: 'crash', error: this.#exitError(message.requestId, 1), reason: 'exit status 1' });
        return;
      }
      this.#running = { requestId: message.requestId, resolve };
      this.#watchDeadline(timeoutMs);
      this.#worker!.postMessage(packInvoke(message));
    });
  }

  /**
   * Arms the invocation's timeout. A timer set and cleared on every invocation showed up under load,
   * so one timer per environment stays armed across invocations: when it fires it checks the
   * current deadline and re-arms itself for a later one (or lapses between invocations).
   */
  #watchDeadline(timeoutMs: number): void {
    const deadline = performance.now() + timeoutMs;
    this.#deadline = deadline;
    if (this.#deadlineTimer) {
      if (this.#deadlineDueAt <= deadline) return;
      clearTimeout(this.#deadlineTimer);
    }
    this.#armDeadline(timeoutMs);
  }

  #armDeadline(ms: number): void {
    this.#deadlineDueAt = performance.now() + ms;
    this.#deadlineTimer = setTimeout(() => {
      this.#deadlineTimer = undefined;
      if (this.#deadline === 0) return; // between invocations: the next one arms it again
      const left = this.#deadline - performance.now();
      if (left > 0) return this.#armDeadline(left);
      this.#timedOut();
    }, ms);
  }

  /** The running invocation's answer (a `done` for another request id is a late one: ignored). */
  #done(reply: DoneMessage): void {
    const running = this.#running;
    if (!running || reply.requestId !== running.requestId) return;
    this.#settle();
    if (reply.fatal) void this.terminate();
    if (reply.ok)
      running.resolve({ kind: 'success', payload: reply.payload ?? 'null', memoryMb: reply.memoryMb });
    else running.resolve({ kind: 'error', error: reply.error!, memoryMb: reply.memoryMb });
  }

  /** The timeout ends the environment under the running invocation. */
  #timedOut(): void {
    const running = this.#running!;
    this.#settle();
    void this.terminate();
    running.resolve({ kind: 'timeout' });
  }

  /** The worker ended under the running invocation, if one was. */
  #exited(code: number): void {
    const running = this.#running;
    if (!running) return;
    this.#settle();
    running.resolve({
      kind: 'crash',
      error: this.#exitError(running.requestId, code),
      reason: this.#outOfMemory ? 'signal: killed' : `exit status ${code}`,
    });
  }

  /** No invocation runs any more: the deadline timer lapses when it next fires. */
  #settle(): void {
    this.#running = undefined;
    this.#deadline = 0;
  }

  async terminate(): Promise<void> {
    this.idleTimer?.cancel();
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = undefined;
    if (!this.#alive) return;
    this.#alive = false;
    await this.#worker?.terminate();
  }

  /** What Lambda reports when the runtime process ends under an invocation. */
  #exitError(requestId: string, code: number): ErrorPayload {
    const prefix = `RequestId: ${requestId} `;
    if (this.#outOfMemory) {
      return {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: `${prefix}Error: Runtime exited with error: signal: killed`,
      };
    }
    return {
      errorType: 'Runtime.ExitError',
      errorMessage:
        code === 0
          ? `${prefix}Error: Runtime exited without providing a reason`
          : `${prefix}Error: Runtime exited with error: exit status ${code}`,
    };
  }
}
