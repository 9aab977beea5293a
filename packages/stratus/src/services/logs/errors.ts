import { AwsError } from '../../protocol/errors.ts';

/** CloudWatch Logs' errors, with AWS's codes and messages (every one of them answers 400). */
export const LogsErrors = {
  groupNotFound: () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.'),
  streamNotFound: () => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.'),
  groupExists: () => new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists'),
  streamExists: () =>
    new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists'),
  invalidParameter: (message: string) => new AwsError('InvalidParameterException', message),
};
