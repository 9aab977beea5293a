import { Worker } from 'node:worker_threads';
import type { ClockTimer } from '../../../clock/clock.ts';
import type { TemporaryCredentials } from '../../../iam/credentials.ts';
import {
  type BootstrapConfig,
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
  #pending: ((message: WorkerMessage | { type: 'exit'; code: number }) => void) | undefined;
  /** The running invocation's timeout (real time, `performance.now()`), or 0 between invocations. */
  #deadline = 0;
  #onDeadline: (() => void) | undefined;
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
      if (typeof message === 'string') this.#pending?.(unpackDone(message));
      else if (message.type === 'log') this.onLog(message.text, message.time);
      else this.#pending?.(message);
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
      this.#pending?.({ type: 'exit', code });
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
      this.#pending = (message) => {
        if (message.type !== 'ready' && message.type !== 'init-error' && message.type !== 'exit') return;
        clearTimeout(timer);
        this.#pending = undefined;
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
      this.#watchDeadline(timeoutMs, () => {
        this.#pending = undefined;
        void this.terminate();
        resolve({ kind: 'timeout' });
      });
      this.#pending = (reply) => {
        if (reply.type === 'done' && reply.requestId === message.requestId) {
          this.#endDeadline();
          this.#pending = undefined;
          if (reply.fatal) void this.terminate();
          if (reply.ok)
            resolve({ kind: 'success', payload: reply.payload ?? 'null', memoryMb: reply.memoryMb });
          else resolve({ kind: 'error', error: reply.error!, memoryMb: reply.memoryMb });
        } else if (reply.type === 'exit') {
          this.#endDeadline();
          this.#pending = undefined;
          const error = this.#exitError(message.requestId, reply.code);
          resolve({
            kind: 'crash',
            error,
            reason: this.#outOfMemory ? 'signal: killed' : `exit status ${reply.code}`,
          });
        }
      };
      this.#worker!.postMessage(packInvoke(message));
    });
  }

  /**
   * Arms the invocation's timeout. A timer set and cleared on every invocation showed up under load,
   * so one timer per environment stays armed across invocations: when it fires it checks the
   * current deadline and re-arms itself for a later one (or lapses between invocations).
   */
  #watchDeadline(timeoutMs: number, onDeadline: () => void): void {
    const deadline = performance.now() + timeoutMs;
    this.#deadline = deadline;
    this.#onDeadline = onDeadline;
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
      const onDeadline = this.#onDeadline!;
      this.#endDeadline();
      onDeadline();
    }, ms);
  }

  #endDeadline(): void {
    this.#deadline = 0;
    this.#onDeadline = undefined;
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
