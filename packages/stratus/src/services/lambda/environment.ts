import type { TemporaryCredentials } from '../../iam/credentials.ts';
import { LambdaErrors } from './errors.ts';
import { type FunctionRecord, LATEST } from './model.ts';

/** Keys Lambda sets itself and refuses in a function's configuration. */
export const RESERVED_KEYS = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/** AWS measures the variables as JSON and allows 4 KB. */
export const MAX_ENVIRONMENT_BYTES = 4096;

const KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

/** Throws InvalidParameterValueException as AWS words it for reserved keys, bad keys or > 4 KB. */
export function validateVariables(variables: Readonly<Record<string, string>>): void {
  const reserved = Object.keys(variables).filter((key) => RESERVED_KEYS.includes(key));
  if (reserved.length > 0) {
    throw LambdaErrors.invalidParameter(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        'provided contains reserved keys that are currently not supported for modification. ' +
        `Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const badKey = Object.keys(variables).find((key) => !KEY.test(key));
  if (badKey !== undefined) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: ` +
        `Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > MAX_ENVIRONMENT_BYTES) {
    throw LambdaErrors.invalidParameter(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        `provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

export interface WorkerEnvironmentOptions {
  readonly fn: FunctionRecord;
  readonly logStreamName: string;
  readonly credentials: TemporaryCredentials;
  readonly endpoint: string;
}

/** What `process.env` holds inside an execution environment: Lambda's variables, then the function's. */
export function workerEnvironment(options: WorkerEnvironmentOptions): Record<string, string> {
  const { fn, credentials } = options;
  const major = fn.runtime.replace(/^nodejs(\d+).*$/, '$1');
  const defaults: Record<string, string> = {
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: `/opt/nodejs/node${major}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
  };
  const reserved: Record<string, string> = {
    _HANDLER: fn.handler,
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: LATEST,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStreamName,
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    LAMBDA_TASK_ROOT: fn.code.directory,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
  // The function's own variables may replace the unreserved defaults (TZ, LANG, NODE_PATH…), never the reserved.
  return { ...defaults, ...fn.environment, ...reserved };
}
