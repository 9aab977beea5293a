/** The platform lines Lambda writes around each invocation, exactly as CloudWatch shows them. */

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function initStartLine(runtime: string, region: string): string {
  const version = `${runtime.replace(/\.x$/, '').replace('nodejs', 'nodejs:')}.stratus`;
  return `INIT_START Runtime Version: ${version}\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:stratus-${runtime}\n`;
}

export interface ReportFields {
  readonly requestId: string;
  readonly durationMs: number;
  readonly memorySize: number;
  readonly maxMemoryUsedMb: number;
  /** Present on a cold start. */
  readonly initDurationMs?: number;
  /** `timeout`, or `error` with an error type, when the invocation did not end normally. */
  readonly status?: 'timeout' | 'error';
  readonly errorType?: string;
}

export function reportLine(fields: ReportFields): string {
  let line =
    `REPORT RequestId: ${fields.requestId}\tDuration: ${fields.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${Math.max(1, Math.ceil(fields.durationMs))} ms\tMemory Size: ${fields.memorySize} MB\t` +
    `Max Memory Used: ${Math.min(fields.memorySize, Math.max(1, fields.maxMemoryUsedMb))} MB\t`;
  if (fields.initDurationMs !== undefined) line += `Init Duration: ${fields.initDurationMs.toFixed(2)} ms\t`;
  if (fields.status) line += `Status: ${fields.status}\t`;
  if (fields.errorType) line += `Error Type: ${fields.errorType}\t`;
  return `${line}\n`;
}

export function initReportLine(initDurationMs: number, errorType: string): string {
  return `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ${errorType}\n`;
}

/** `2024-01-01T00:00:03.000Z <id> Task timed out after 3.00 seconds` */
export function timeoutLine(time: number, requestId: string, timeoutSeconds: number): string {
  return `${new Date(time).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/** `RequestId: <id> Error: Runtime exited with error: exit status 1\nRuntime.ExitError` */
export function exitLine(errorMessage: string, errorType: string): string {
  return `${errorMessage}\n${errorType}\n`;
}

/** `2024/01/31/[$LATEST]<32 hex>`, the stream of one execution environment. */
export function logStreamName(time: number, environmentId: string): string {
  const date = new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[$LATEST]${environmentId}`;
}
