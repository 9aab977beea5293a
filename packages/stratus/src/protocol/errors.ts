/**
 * An error as AWS reports it: a code (the `__type` / `<Code>`), an HTTP status and AWS's message.
 * Services throw these; the protocol layer serializes them in the service's wire format.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** `Sender` (the client's fault) or `Receiver` (ours), as Query/XML error bodies state it. */
  readonly fault: 'Sender' | 'Receiver';
  /** Extra members of the error shape (e.g. `Reason`, `Type`, `CancellationReasons`). */
  readonly fields: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    message: string,
    options: { status?: number; fields?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = this.status >= 500 ? 'Receiver' : 'Sender';
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}

/** Errors every service shares. */
export const CommonErrors = {
  internal: () =>
    new AwsError(
      'InternalFailure',
      'The request processing has failed because of an unknown error, exception or failure.',
      { status: 500 },
    ),
  notImplemented: (service: string, operation: string) =>
    new AwsError('NotImplemented', `Stratus does not implement ${service}:${operation} yet.`, {
      status: 501,
    }),
  unknownOperation: () => new AwsError('UnknownOperationException', '', { status: 400 }),
  missingAction: () => new AwsError('MissingAction', 'Missing Action', { status: 400 }),
  invalidAction: (action: string) =>
    new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, { status: 400 }),
  serialization: (message: string) => new AwsError('SerializationException', message, { status: 400 }),
  validation: (message: string) => new AwsError('ValidationException', message, { status: 400 }),
};
