import type { FunctionRecord, PolicyStatement, ResourcePolicy } from './model.ts';

export interface PermissionInput {
  readonly StatementId: string;
  readonly Action: string;
  readonly Principal: string;
  readonly SourceArn?: string;
  readonly SourceAccount?: string;
  readonly EventSourceToken?: string;
  readonly PrincipalOrgID?: string;
  readonly FunctionUrlAuthType?: string;
}

/** The statement AddPermission writes into the function's resource policy, as AWS shapes it. */
export function permissionStatement(input: PermissionInput, resource: string): PolicyStatement {
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string | undefined) => {
    if (value !== undefined) condition[operator] = { ...condition[operator], [key]: value };
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  return {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: resource,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/** The policy document GetPolicy returns. */
export function policyDocument(policy: ResourcePolicy): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.statements });
}

export interface InvokeCaller {
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

/** Whether the function's resource policy lets this service principal invoke it. */
export function allowsInvoke(fn: FunctionRecord, caller: InvokeCaller): boolean {
  return (fn.policy?.statements ?? []).some(
    (statement) =>
      principalMatches(statement.Principal, caller.principal) &&
      ['lambda:InvokeFunction', 'lambda:*', '*'].includes(statement.Action) &&
      [fn.arn, `${fn.arn}:$LATEST`, '*'].some((resource) => globMatch(statement.Resource, resource)) &&
      conditionsHold(statement.Condition ?? {}, caller),
  );
}

function principalMatches(principal: PolicyStatement['Principal'], caller: string): boolean {
  if (principal === '*') return true;
  if (typeof principal === 'string') return principal === caller;
  return Object.values(principal).some((value) => value === '*' || value === caller);
}

function conditionsHold(condition: NonNullable<PolicyStatement['Condition']>, caller: InvokeCaller): boolean {
  return Object.entries(condition).every(([operator, entries]) =>
    Object.entries(entries).every(([key, expected]) => {
      const actual = contextValue(key, caller);
      if (actual === undefined) return false;
      if (operator === 'ArnLike' || operator === 'StringLike') return globMatch(expected, actual);
      if (operator === 'ArnEquals' || operator === 'StringEquals') return expected === actual;
      return false;
    }),
  );
}

function contextValue(key: string, caller: InvokeCaller): string | undefined {
  switch (key.toLowerCase()) {
    case 'aws:sourcearn':
      return caller.sourceArn;
    case 'aws:sourceaccount':
      return caller.sourceAccount ?? caller.sourceArn?.split(':')[4];
    default:
      return undefined;
  }
}

/** `*` and `?` wildcards, as ArnLike and StringLike use them. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`, 's').test(value);
}
