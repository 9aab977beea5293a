// The runtime inside one execution environment (a worker thread), kept tiny so cold starts stay fast.
// Plain JavaScript on purpose: a worker would otherwise load the type stripper before any user code.
// Messages follow the contract in messages.ts. It behaves as Lambda's Node.js runtime does: console
// lines `<time>\t<requestId>\t<LEVEL>\t<message>`, `{errorType, errorMessage, trace}` error payloads,
// callback handlers (up to nodejs22.x) that wait for an empty event loop unless told otherwise.
import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format, types } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
const config = workerData;
// Node reads NODE_EXTRA_CA_CERTS once per process, so a worker is told about Stratus's CA itself.
if (config.trustedCa) {
  const tls = process.getBuiltinModule('node:tls');
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), config.trustedCa]);
}
let requestId;
let clockOffsetMs = config.clockOffsetMs;
let current; // the invocation in progress: { finish(outcome), onEmptyLoop() }

// The Node.js runtime ships the AWS SDK v3; Stratus lends its own to bundles that leave it external.
const sdkRequire = createRequire(config.sdkFallbackUrl);
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('@aws-sdk/') || !isNotFound(error)) throw error;
      if (context.conditions?.includes('require')) {
        return { url: pathToFileURL(sdkRequire.resolve(specifier)).href, shortCircuit: true };
      }
      return nextResolve(specifier, { ...context, parentURL: config.sdkFallbackUrl });
    }
  },
});

function isNotFound(error) {
  return error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'MODULE_NOT_FOUND';
}

const now = () => Date.now() + clockOffsetMs;

function emit(text) {
  port.postMessage({ type: 'log', time: now(), text });
}

function logLine(level, args) {
  emit(`${new Date(now()).toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`);
}

for (const [method, level] of [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
  ['fatal', 'FATAL'],
]) {
  console[method] = (...args) => logLine(level, args);
}
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    emit(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    (typeof encoding === 'function' ? encoding : callback)?.();
    return true;
  };
}

/** The error as the response payload carries it. */
function toRapidResponse(error) {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function isErrorLike(value) {
  return (
    typeof value?.name === 'string' && typeof value?.message === 'string' && typeof value?.stack === 'string'
  );
}

/** The error as the runtime logs it: a tab, then JSON with its enumerable properties and stack lines. */
function toFormatted(error) {
  const withProperties = (_key, value) => {
    if (!(value instanceof Error)) return value;
    const out = { errorType: value.name, errorMessage: value.message, code: value.code, ...value };
    if (typeof value.stack === 'string') out.stack = value.stack.split('\n');
    return out;
  };
  try {
    return `\t${JSON.stringify(error, withProperties)}`;
  } catch {
    return `\t${JSON.stringify(toRapidResponse(error))}`;
  }
}

const isObject = (value) => (value !== null && typeof value === 'object') || typeof value === 'function';

const intoError = (value) => (value instanceof Error ? value : new Error(value));

/** An error named as the runtime names its own (`Runtime.*`); a syntax error keeps the user's stack. */
function runtimeError(name, message, cause) {
  const error = new Error(message);
  error.name = name;
  const frames = error.stack.slice(error.stack.indexOf('\n'));
  error.stack = cause?.stack ?? `${name}: ${message}${frames}`;
  return error;
}

function memoryMb() {
  const heap = getHeapStatistics();
  return Math.ceil((heap.total_heap_size + heap.external_memory) / 1048576);
}

async function loadHandler() {
  if (config.initError) {
    const { errorType, errorMessage, trace } = config.initError;
    const error = runtimeError(errorType, errorMessage);
    error.stack = trace?.length ? trace.join('\n') : `${errorType}: ${errorMessage}`;
    throw error;
  }
  let module;
  try {
    module = await import(pathToFileURL(config.file).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError('Runtime.UserCodeSyntaxError', String(error), error);
    if (isNotFound(error)) throw runtimeError('Runtime.ImportModuleError', String(error));
    throw error;
  }
  const find = (root) =>
    config.handlerName.split('.').reduce((value, key) => (isObject(value) ? value[key] : undefined), root);
  const handler = find(module) ?? find(module.default);
  if (handler === undefined) {
    throw runtimeError('Runtime.HandlerNotFound', `${config.handlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw runtimeError('Runtime.HandlerNotFound', `${config.handlerString} is not a function`);
  }
  if (config.callbackRemoved && handler.length >= 3) {
    throw runtimeError(
      'Runtime.CallbackHandlerDeprecated',
      'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
        'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
        'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
    );
  }
  return handler;
}

// `context.callbackWaitsForEmptyEventLoop` is an own, enumerable accessor, as in Lambda's runtime. Its getter
// and setter are the same functions for every invocation, keeping the flag on the context: accessors made
// per invocation gave every context its own hidden class, whose old-space map kept each invocation's
// objects (the event included) alive through young-generation GCs, which then copied tens of megabytes
// each and took most of an environment's time under load. The other properties are copied in by one
// Object.assign after the two definitions: a store per property kept per-invocation closures reachable from
// old space (one Object.defineProperties with a descriptor map cost three times as much).
const WAITS = Symbol('callbackWaitsForEmptyEventLoop');
const WAITS_ACCESSOR = {
  get() {
    return this[WAITS];
  },
  set(value) {
    this[WAITS] = value;
  },
  enumerable: true,
  configurable: true,
};
/** The flag the accessor reads: true to begin with, and hidden from keys and spreads. */
const WAITS_FLAG = { value: true, writable: true };

function invoke(handler, message) {
  requestId = message.requestId;
  clockOffsetMs = message.clockOffsetMs;
  let finished = false;
  const context = {};
  Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', WAITS_ACCESSOR);
  Object.defineProperty(context, WAITS, WAITS_FLAG);
  Object.assign(context, {
    succeed: (result) => complete(result),
    fail: (error) => fail(error ?? 'handled'),
    done: (error, result) => (error !== undefined && error !== null ? fail(error) : complete(result)),
    functionName: config.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: String(config.memorySize),
    awsRequestId: message.requestId,
    logGroupName: config.logGroupName,
    logStreamName: config.logStreamName,
    identity: message.identity,
    clientContext: message.clientContext,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  });
  const finish = (outcome) => {
    if (finished) return;
    finished = true;
    current = undefined;
    port.ref();
    // A success travels as `requestId \n memoryMb \n payload` (see messages.ts: packInvoke, unpackDone).
    if (outcome.ok && !outcome.fatal)
      port.postMessage(`${message.requestId}\n${memoryMb()}\n${outcome.payload ?? 'null'}`);
    else port.postMessage({ type: 'done', requestId: message.requestId, memoryMb: memoryMb(), ...outcome });
  };
  // When the event loop empties before the handler answered, Lambda responds with null.
  current = { finish, onEmptyLoop: () => complete(undefined) };
  const complete = (result) => {
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch (error) {
      return fail(runtimeError('Runtime.JSONStringifyError', 'Unable to stringify response body', error));
    }
    finish({ ok: true, payload });
  };
  const fail = (error) => {
    logLine('ERROR', ['Invoke Error', toFormatted(intoError(error))]);
    finish({ ok: false, error: toRapidResponse(error) });
  };
  const callback = (error, result) => {
    if (error !== undefined && error !== null) return fail(error);
    if (!context[WAITS]) return complete(result);
    if (current?.finish === finish) current.onEmptyLoop = () => setImmediate(() => complete(result));
  };
  port.unref();
  let result;
  try {
    result = handler(JSON.parse(message.event), context, callback);
  } catch (error) {
    return fail(error);
  }
  if (typeof result?.then === 'function') result.then(complete, fail);
  // A synchronous handler's return value is its result on nodejs24.x; earlier runtimes wait for a callback.
  else if (config.callbackRemoved) complete(result);
}

/** An invoke packed as `requestId \n deadlineMs \n clockOffsetMs \n invokedFunctionArn \n event` (messages.ts: packInvoke). */
function unpackInvoke(packed) {
  const ends = [];
  let at = -1;
  for (let i = 0; i < 4; i++) ends.push((at = packed.indexOf('\n', at + 1)));
  return {
    type: 'invoke',
    requestId: packed.slice(0, ends[0]),
    deadlineMs: Number(packed.slice(ends[0] + 1, ends[1])),
    clockOffsetMs: Number(packed.slice(ends[1] + 1, ends[2])),
    invokedFunctionArn: packed.slice(ends[2] + 1, ends[3]),
    event: packed.slice(ends[3] + 1),
  };
}

function crash(kind, error, exitCode) {
  const label = kind === 'rejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception';
  logLine('ERROR', [label, toFormatted(error)]);
  current?.finish({ ok: false, error: toRapidResponse(error), fatal: true });
  process.exit(exitCode);
}

// One listener for every invocation (adding and removing one per invocation showed up under load).
process.on('beforeExit', () => current?.onEmptyLoop());
process.on('uncaughtException', (error) => crash('exception', error, 129));
process.on('unhandledRejection', (reason) => {
  const error = runtimeError('Runtime.UnhandledPromiseRejection', String(reason));
  error.reason = reason;
  crash('rejection', error, 128);
});

try {
  const handler = await loadHandler();
  port.on('message', (message) => {
    if (typeof message === 'string') invoke(handler, unpackInvoke(message));
    else if (message.type === 'invoke') invoke(handler, message);
  });
  port.postMessage({ type: 'ready' });
} catch (error) {
  logLine('ERROR', ['Uncaught Exception', toFormatted(error)]);
  port.postMessage({ type: 'init-error', error: toRapidResponse(error) });
}
