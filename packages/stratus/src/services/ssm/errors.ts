import { AwsError } from '../../protocol/errors.ts';

/** SSM Parameter Store's errors (JSON protocol: the code is the `__type`). */
export const SsmErrors = {
  /** AWS answers GetParameter and DeleteParameter for a missing name with an empty message. */
  parameterNotFound: () => new AwsError('ParameterNotFound', '', { status: 400 }),
  parameterAlreadyExists: () =>
    new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      { status: 400 },
    ),
  versionNotFound: (name: string, version: string) =>
    new AwsError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
      { status: 400 },
    ),
  patternMismatch: (pattern: string) =>
    new AwsError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
      {
        status: 400,
      },
    ),
  invalidAllowedPattern: () =>
    new AwsError('InvalidAllowedPatternException', 'The request includes an invalid regular expression.', {
      status: 400,
    }),
  hierarchyLevels: () =>
    new AwsError(
      'HierarchyLevelLimitExceededException',
      'Parameter name: hierarchy levels exceed the maximum of 15 levels.',
      { status: 400 },
    ),
  validation: (message: string) => new AwsError('ValidationException', message, { status: 400 }),
};
