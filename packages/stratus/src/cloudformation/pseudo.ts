/** The pseudo parameters every template can `Ref`. */
export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
] as const;

export interface StackIdentity {
  readonly accountId: string;
  readonly region: string;
  readonly stackName: string;
  readonly stackId: string;
}

/** Their values for one stack (AWS::NoValue is handled by the resolver itself). */
export function pseudoParameters(stack: StackIdentity): Map<string, unknown> {
  return new Map<string, unknown>([
    ['AWS::AccountId', stack.accountId],
    ['AWS::NotificationARNs', []],
    ['AWS::Partition', 'aws'],
    ['AWS::Region', stack.region],
    ['AWS::StackId', stack.stackId],
    ['AWS::StackName', stack.stackName],
    ['AWS::URLSuffix', 'amazonaws.com'],
  ]);
}
