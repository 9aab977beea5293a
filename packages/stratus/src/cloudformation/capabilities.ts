import type { Template } from './template.ts';

/** IAM resource types, and the property that names each (naming one needs CAPABILITY_NAMED_IAM). */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::GroupPolicy': undefined,
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::RolePolicy': undefined,
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserPolicy': undefined,
  'AWS::IAM::UserToGroupAddition': undefined,
};

export interface RequiredCapabilities {
  /** CAPABILITY_IAM or CAPABILITY_NAMED_IAM, or none. */
  readonly capabilities: string[];
  /** The IAM resource types that require them. */
  readonly types: string[];
}

/** Which capability CreateStack/UpdateStack must be granted for the template's IAM resources. */
export function requiredCapabilities(template: Template): RequiredCapabilities {
  const types = new Set<string>();
  let named = false;
  for (const resource of Object.values(template.Resources)) {
    if (!Object.hasOwn(IAM_TYPES, resource.Type)) continue;
    types.add(resource.Type);
    const nameProperty = IAM_TYPES[resource.Type];
    if (nameProperty && resource.Properties?.[nameProperty] !== undefined) named = true;
  }
  if (types.size === 0) return { capabilities: [], types: [] };
  return { capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'], types: [...types] };
}
