import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../clock/clock.ts';
import type { CredentialStore } from '../../../iam/credentials.ts';
import type { Logger } from '../../../logger.ts';
import { AwsError } from '../../../protocol/errors.ts';
import type { LogsService } from '../../logs/index.ts';
import { workerEnvironment } from '../environment.ts';
import type { FunctionRecord } from '../model.ts';
import { type EnvironmentSpec, ExecutionEnvironment } from './environment.ts';
import { resolveHandler } from './handler.ts';
import * as lines from './log-lines.ts';
import type { ErrorPayload } from './messages.ts';
import { responseOf } from './outcomes.ts';
import { EnvironmentPool } from './pool.ts';

const TAIL_BYTES = 4096;
const SDK_FALLBACK_URL = import.meta.url;

export interface InvocationRequest {
  readonly fn: FunctionRecord;
  readonly requestId: string;
  /** The event as JSON text. */
  readonly event: string;
  readonly clientContext?: unknown;
  /** Collect the log lines for `X-Amz-Log-Result`. */
  readonly tail?: boolean;
}

export interface InvocationResult {
  /** The function's answer as JSON text (its UTF-8 is what Invoke returns). */
  readonly payload: string;
  /** `Unhandled` when the function failed. */
  readonly functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of this invocation's log, when asked for. */
  readonly logTail?: string;
}

/** Writes one line, or several as one append: END and REPORT go together, as the invocation's closing lines. */
type LogWriter = (text: string | readonly string[], time: number | undefined, closing?: boolean) => void;

export interface RuntimeOptions {
  readonly clock: Clock;
  readonly logs: LogsService;
  readonly credentials: CredentialStore;
  readonly endpoint: () => string;
  readonly idleTimeoutMs: () => number;
  readonly logger: Logger;
  /** Stratus's CA certificate (PEM) when it serves TLS. */
  readonly trustedCa?: () => string | undefined;
}

/**
 * Runs invocations in execution environments: reuses a warm one of the function's current
 * revision or cold-starts a new one, and writes Lambda's START/END/REPORT lines around the
 * function's own output to `/aws/lambda/<name>`.
 */
export class FunctionRuntime {
  readonly #options: RuntimeOptions;
  readonly #pools = new Map<string, EnvironmentPool>();
  readonly #plainWriters = new WeakMap<ExecutionEnvironment, LogWriter>();
  #stopped = false;

  constructor(options: RuntimeOptions) {
    this.#options = options;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const { fn, requestId } = request;
    const { clock } = this.#options;
    if (this.#stopped) throw new AwsError('ServiceException', 'Stratus is shutting down.', { status: 500 });
    const pool = this.#pool(fn.arn);
    const tail: string[] = [];
    // An environment whose credentials would expire during the invocation (or within a minute after) is not reused.
    let env = pool.take(fn.revisionId, clock.now() + fn.timeout * 1000 + 60_000);
    let write: LogWriter;
    if (!env) {
      env = this.#create(fn);
      pool.add(env);
      env.onLog = write = request.tail ? this.#writer(fn, env, tail) : this.#plainWriter(fn, env);
      write(lines.initStartLine(fn.runtime, fn.region), undefined);
      const init = await env.init(requestId);
      if (!init.ok) return this.#initFailed(fn, env, write, requestId, init.error, tail);
    } else {
      env.onLog = write = request.tail ? this.#writer(fn, env, tail) : this.#plainWriter(fn, env);
    }
    env.pendingStart = { message: lines.startLine(requestId), timestamp: clock.now() };
    const started = performance.now();
    const outcome = await env.invoke(
      {
        type: 'invoke',
        requestId,
        event: request.event,
        invokedFunctionArn: fn.arn,
        deadlineMs: Date.now() + fn.timeout * 1000,
        clockOffsetMs: clock.offsetMs,
        clientContext: request.clientContext,
      },
      fn.timeout * 1000,
    );
    const durationMs = performance.now() - started;
    const { payload, error } = responseOf(outcome, requestId, fn.timeout);
    if (outcome.kind === 'timeout') write(lines.timeoutLine(clock.now(), requestId, fn.timeout), undefined);
    if (outcome.kind === 'crash')
      write(lines.exitLine(outcome.error.errorMessage, outcome.error.errorType), undefined);
    write(
      [
        lines.endLine(requestId),
        lines.reportLine({
          requestId,
          durationMs: outcome.kind === 'timeout' ? fn.timeout * 1000 : durationMs,
          memorySize: fn.memorySize,
          maxMemoryUsedMb: 'memoryMb' in outcome ? outcome.memoryMb : fn.memorySize,
          initDurationMs: env.fresh ? env.initDurationMs : undefined,
          status: outcome.kind === 'timeout' ? 'timeout' : outcome.kind === 'crash' ? 'error' : undefined,
          errorType: outcome.kind === 'crash' ? outcome.error.errorType : undefined,
        }),
      ],
      undefined,
      true,
    );
    env.fresh = false;
    // Output after the response (a timer the handler left behind) still lands in the stream.
    env.onLog = this.#plainWriter(fn, env);
    pool.release(env);
    return { payload, functionError: error ? 'Unhandled' : undefined, logTail: tailOf(request.tail, tail) };
  }

  /** Ends idle environments of a function whose code or configuration changed. */
  retire(arn: string): void {
    this.#pools.get(arn)?.retireIdle();
  }

  /** Ends every environment of a deleted function. */
  async remove(arn: string): Promise<void> {
    const pool = this.#pools.get(arn);
    this.#pools.delete(arn);
    await pool?.drain();
  }

  /** Environments alive for a function (busy or idle). */
  environments(arn: string): number {
    return this.#pools.get(arn)?.size ?? 0;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.drain()));
  }

  #pool(arn: string): EnvironmentPool {
    let pool = this.#pools.get(arn);
    if (!pool) {
      pool = new EnvironmentPool(this.#options.clock, this.#options.idleTimeoutMs);
      this.#pools.set(arn, pool);
    }
    return pool;
  }

  #create(fn: FunctionRecord): ExecutionEnvironment {
    const { clock, credentials, endpoint } = this.#options;
    const id = randomBytes(16).toString('hex');
    const logStreamName = lines.logStreamName(clock.now(), id);
    const issued = credentials.issue(fn.role, fn.name);
    const handler = resolveHandler(fn.code.directory, fn.handler);
    const spec: EnvironmentSpec = {
      bootstrap: {
        file: handler.file,
        initError: handler.error,
        handlerName: handler.exportPath,
        handlerString: fn.handler,
        callbackRemoved: Number(fn.runtime.replace(/^nodejs(\d+).*$/, '$1')) >= 24,
        functionName: fn.name,
        memorySize: fn.memorySize,
        logGroupName: fn.logGroup,
        logStreamName,
        clockOffsetMs: clock.offsetMs,
        sdkFallbackUrl: SDK_FALLBACK_URL,
        trustedCa: this.#options.trustedCa?.(),
      },
      env: workerEnvironment({ fn, logStreamName, credentials: issued, endpoint: endpoint() }),
      memorySize: fn.memorySize,
      revisionId: fn.revisionId,
      credentials: issued,
    };
    return new ExecutionEnvironment(spec, id, logStreamName);
  }

  /** The writer without a tail, made once per environment (its function revision never changes). */
  #plainWriter(fn: FunctionRecord, env: ExecutionEnvironment): LogWriter {
    let writer = this.#plainWriters.get(env);
    if (!writer) this.#plainWriters.set(env, (writer = this.#writer(fn, env, undefined)));
    return writer;
  }

  #writer(fn: FunctionRecord, env: ExecutionEnvironment, tail: string[] | undefined): LogWriter {
    const target = {
      accountId: fn.accountId,
      region: fn.region,
      logGroupName: fn.logGroup,
      logStreamName: env.logStreamName,
    };
    return (text: string | readonly string[], time: number | undefined, closing?: boolean) => {
      const start = env.pendingStart;
      env.pendingStart = undefined;
      if (start) tail?.push(start.message);
      if (typeof text === 'string') tail?.push(text);
      else tail?.push(...text);
      if (this.#stopped) return;
      const timestamp = time ?? this.#options.clock.now();
      const events =
        typeof text === 'string'
          ? [{ timestamp, message: text }]
          : text.map((message) => ({ timestamp, message }));
      if (start) events.unshift(start);
      try {
        this.#options.logs.write(target, events, closing);
      } catch (error) {
        this.#options.logger.error(`lambda: could not write the log of ${fn.name}`, error);
      }
    };
  }

  /** The init phase failed: Lambda reports the error as the invocation's result and drops the environment. */
  async #initFailed(
    fn: FunctionRecord,
    env: ExecutionEnvironment,
    write: LogWriter,
    requestId: string,
    error: ErrorPayload,
    tail: string[],
  ): Promise<InvocationResult> {
    write(lines.initReportLine(env.initDurationMs, error.errorType), undefined);
    write(lines.startLine(requestId), undefined);
    write(lines.endLine(requestId), undefined);
    write(
      lines.reportLine({
        requestId,
        durationMs: env.initDurationMs,
        memorySize: fn.memorySize,
        maxMemoryUsedMb: 0,
        status: 'error',
        errorType: error.errorType,
      }),
      undefined,
    );
    await env.terminate();
    return {
      payload: JSON.stringify(error),
      functionError: 'Unhandled',
      logTail: tailOf(tail.length > 0, tail),
    };
  }
}

function tailOf(wanted: boolean | undefined, tail: readonly string[]): string | undefined {
  if (!wanted) return undefined;
  const all = Buffer.from(tail.join(''));
  return all.subarray(Math.max(0, all.length - TAIL_BYTES)).toString('base64');
}
