import { AwsError } from '../../protocol/errors.ts';

/** CloudFormation's errors, as its Query API reports them. */
export const CloudFormationErrors = {
  /** Template, parameter and stack-state problems: AWS answers them all with `ValidationError`. */
  validation: (message: string) => new AwsError('ValidationError', message, { status: 400 }),
  stackNotFound: (nameOrId: string) =>
    new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`, { status: 400 }),
  alreadyExists: (name: string) =>
    new AwsError('AlreadyExistsException', `Stack [${name}] already exists`, { status: 400 }),
  insufficientCapabilities: (capabilities: readonly string[]) =>
    new AwsError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${capabilities.join(', ')}]`,
      {
        status: 400,
      },
    ),
  notUpdatable: (stackId: string, status: string) =>
    new AwsError('ValidationError', `Stack:${stackId} is in ${status} state and can not be updated.`, {
      status: 400,
    }),
  noUpdates: () => new AwsError('ValidationError', 'No updates are to be performed.', { status: 400 }),
};

/** A template or parameter problem (AWS's `ValidationError`). */
export function templateError(message: string): AwsError {
  return CloudFormationErrors.validation(message);
}
