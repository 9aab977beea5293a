/** Every function CloudFormation knows, in the order its "unsupported function" error lists them. */
export const AWS_FUNCTIONS = [
  'Fn::Base64',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::Select',
  'Ref',
  'Fn::Equals',
  'Fn::If',
  'Fn::Not',
  'Condition',
  'Fn::And',
  'Fn::Or',
  'Fn::Contains',
  'Fn::EachMemberEquals',
  'Fn::EachMemberIn',
  'Fn::ValueOf',
  'Fn::ValueOfAll',
  'Fn::RefAll',
  'Fn::Sub',
  'Fn::Cidr',
] as const;

/** Functions AWS has that Stratus does not evaluate (rule helpers over AWS-specific parameter types, macros). */
export const UNSUPPORTED_FUNCTIONS = new Set([
  'Fn::ValueOf',
  'Fn::ValueOfAll',
  'Fn::RefAll',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::ForEach',
]);

/**
 * The function an object stands for: a one-key object whose key is `Ref` or starts with `Fn::`.
 * (`Condition` is a function only where conditions are evaluated; elsewhere it is a property name.)
 */
export function intrinsicName(value: unknown, conditionContext = false): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  if (key === 'Ref' || key.startsWith('Fn::')) return key;
  if (conditionContext && key === 'Condition') return key;
  return undefined;
}
