/** The contract between an execution environment (the Worker) and bootstrap.js inside it. */

/** What the Node.js runtime returns for a failed invocation. */
export interface ErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** `workerData` of the worker: everything needed to load the handler without further messages. */
export interface BootstrapConfig {
  /** The handler's module, already resolved to a file (`index.handler` → `<task>/index.js`). */
  readonly file?: string;
  /** Why the handler cannot load (no such module, a malformed handler): reported as the init error. */
  readonly initError?: ErrorPayload;
  /** The export path inside the module (`handler`, or `nested.fn` for `file.nested.fn`). */
  readonly handlerName: string;
  readonly handlerString: string;
  /** nodejs24.x and later refuse callback handlers and use a synchronous handler's return value. */
  readonly callbackRemoved: boolean;
  readonly functionName: string;
  readonly memorySize: number;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly clockOffsetMs: number;
  /** Where `@aws-sdk/*` resolves from when the code does not bundle it (the runtime's SDK). */
  readonly sdkFallbackUrl: string;
  /**
   * Stratus's local CA (PEM), trusted beside the system's: a function reaches Stratus's TLS
   * endpoints (`daxs://`, https://localhost) as a Lambda function trusts AWS's certificates.
   */
  readonly trustedCa?: string;
}

export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as JSON text. */
  readonly event: string;
  readonly invokedFunctionArn: string;
  /** Real time (ms since the epoch) at which the invocation times out. */
  readonly deadlineMs: number;
  readonly clockOffsetMs: number;
  readonly clientContext?: unknown;
  readonly identity?: unknown;
}

/**
 * The common messages travel as one string instead of an object: structured cloning an object costs a
 * key lookup per property on the other side, and these two cross once per invocation each way.
 * An invoke without client context or identity: `requestId \n deadlineMs \n clockOffsetMs \n
 * invokedFunctionArn \n event`. A successful `done` that is not fatal: `requestId \n memoryMb \n payload`.
 * (Request ids, numbers and ARNs hold no newline; the event and the payload come last.) bootstrap.js
 * reads and writes the same layout.
 */
export function packInvoke(message: InvokeMessage): InvokeMessage | string {
  if (message.clientContext !== undefined || message.identity !== undefined) return message;
  return `${message.requestId}\n${message.deadlineMs}\n${message.clockOffsetMs}\n${message.invokedFunctionArn}\n${message.event}`;
}

/** The `done` message a packed one stands for. */
export function unpackDone(packed: string): DoneMessage {
  const first = packed.indexOf('\n');
  const second = packed.indexOf('\n', first + 1);
  return {
    type: 'done',
    requestId: packed.slice(0, first),
    memoryMb: Number(packed.slice(first + 1, second)),
    ok: true,
    payload: packed.slice(second + 1),
  };
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly error: ErrorPayload }
  /** A console line or raw stdout/stderr text; `time` is Stratus clock time. */
  | { readonly type: 'log'; readonly time: number; readonly text: string }
  | {
      readonly type: 'done';
      readonly requestId: string;
      readonly memoryMb: number;
      readonly ok: boolean;
      readonly payload?: string;
      readonly error?: ErrorPayload;
      /** The runtime is about to exit (an uncaught exception): the environment cannot be reused. */
      readonly fatal?: boolean;
    };

/** The end of an invocation, as the runtime reports it. */
export type DoneMessage = Extract<WorkerMessage, { readonly type: 'done' }>;
