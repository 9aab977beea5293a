import { AwsError } from '../../protocol/errors.ts';

/** Lambda's errors with AWS's codes, statuses and messages. Lambda adds `Type: User` to client errors. */
const user = { Type: 'User' };

export const LambdaErrors = {
  functionNotFound: (arn: string) =>
    new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, { status: 404, fields: user }),
  resourceNotFound: (message = 'The resource you requested does not exist.') =>
    new AwsError('ResourceNotFoundException', message, { status: 404, fields: user }),
  conflict: (message: string) =>
    new AwsError('ResourceConflictException', message, { status: 409, fields: user }),
  invalidParameter: (message: string) =>
    new AwsError('InvalidParameterValueException', message, { status: 400, fields: user }),
  invalidRequestContent: (message: string) =>
    new AwsError('InvalidRequestContentException', message, { status: 400, fields: user }),
  requestTooLarge: (limit: number, operation: 'InvokeFunction' | 'InvokeAsync') =>
    new AwsError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${limit} bytes for the ${operation} operation`,
      { status: 413, fields: user },
    ),
  throttled: (
    reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded',
  ) =>
    new AwsError('TooManyRequestsException', 'Rate Exceeded.', {
      status: 429,
      fields: { ...user, Reason: reason },
      headers: { 'Retry-After': '1' },
    }),
  accessDenied: (principal: string, arn: string) =>
    new AwsError(
      'AccessDeniedException',
      `User: ${principal} is not authorized to perform: lambda:InvokeFunction on resource: ${arn} ` +
        'because no resource-based policy allows the lambda:InvokeFunction action',
      { status: 403 },
    ),
  preconditionFailed: () =>
    new AwsError(
      'PreconditionFailedException',
      'The RevisionId provided does not match the latest RevisionId for the Lambda function or alias. ' +
        'Call the GetFunction or the GetAlias API to retrieve the latest RevisionId for your resource.',
      { status: 412, fields: user },
    ),
};
