import { templateError } from '../services/cloudformation/errors.ts';
import type { ParameterDeclaration, Template } from './template.ts';

/** How a parameter's value is read from the SSM Parameter Store (`AWS::SSM::Parameter::Value<…>` types). */
export type SsmLookup = (name: string) => string | undefined;

/** A parameter as DescribeStacks shows it. */
export interface StackParameter {
  readonly ParameterKey: string;
  readonly ParameterValue: string;
  readonly ResolvedValue?: string;
}

export interface ResolvedParameters {
  /** What `Ref` returns for each parameter: a string, or a list for list types. */
  readonly values: Map<string, string | string[]>;
  /** The values as given (or defaulted), for DescribeStacks and later updates. */
  readonly described: StackParameter[];
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/**
 * Resolves a template's parameters from the given values and the declared defaults, checks their
 * types and constraints, and reads SSM-typed parameters from the parameter store.
 */
export function resolveParameters(
  template: Template,
  given: Readonly<Record<string, string>>,
  ssm: SsmLookup,
): ResolvedParameters {
  const declarations = template.Parameters ?? {};
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(declarations, key));
  if (unknown.length) throw templateError(`Parameters: [${unknown.join(',')}] do not exist in the template`);
  const missing = Object.entries(declarations)
    .filter(([key, declaration]) => given[key] === undefined && declaration.Default === undefined)
    .map(([key]) => key);
  if (missing.length) throw templateError(`Parameters: [${missing.join(',')}] must have values`);

  const values = new Map<string, string | string[]>();
  const described: StackParameter[] = [];
  const unreadable: string[] = [];
  for (const [key, declaration] of Object.entries(declarations)) {
    const raw = given[key] ?? declarationDefault(declaration.Default);
    const ssmType = SSM_TYPE.exec(declaration.Type);
    if (ssmType) {
      const resolved = ssm(raw);
      if (resolved === undefined) {
        unreadable.push(raw);
        continue;
      }
      values.set(key, typed(key, ssmType[1], resolved, declaration));
      described.push({ ParameterKey: key, ParameterValue: raw, ResolvedValue: resolved });
    } else {
      values.set(key, typed(key, declaration.Type, raw, declaration));
      described.push({ ParameterKey: key, ParameterValue: raw });
    }
  }
  if (unreadable.length) {
    throw templateError(
      `Unable to fetch parameters [${unreadable.join(',')}] from parameter store for this account.`,
    );
  }
  return { values, described };
}

function declarationDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function typed(key: string, type: string, raw: string, declaration: ParameterDeclaration): string | string[] {
  const list = /^List<(.+)>$/.exec(type);
  if (type === 'CommaDelimitedList' || list) {
    const items = raw === '' ? [] : raw.split(',').map((item) => item.trim());
    for (const item of items) checkScalar(key, list ? list[1] : 'String', item, declaration);
    return items;
  }
  checkScalar(key, type, raw, declaration);
  return raw;
}

function checkScalar(key: string, type: string, value: string, declaration: ParameterDeclaration): void {
  if (type === 'Number') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number))
      throw templateError(`Parameter '${key}' must be a number.`);
    if (declaration.MinValue !== undefined && number < Number(declaration.MinValue)) {
      throw templateError(`Parameter '${key}' must be a number not less than ${declaration.MinValue}`);
    }
    if (declaration.MaxValue !== undefined && number > Number(declaration.MaxValue)) {
      throw templateError(`Parameter '${key}' must be a number not greater than ${declaration.MaxValue}`);
    }
  } else if (type !== 'String' && !type.startsWith('AWS::')) {
    throw templateError(`Template format error: Unrecognized parameter type: ${type}`);
  }
  if (declaration.AllowedValues && !declaration.AllowedValues.some((allowed) => String(allowed) === value)) {
    throw templateError(`Parameter '${key}' must be one of AllowedValues`);
  }
  if (declaration.AllowedPattern !== undefined && !matchesPattern(declaration.AllowedPattern, value)) {
    throw templateError(`Parameter '${key}' must match pattern ${declaration.AllowedPattern}`);
  }
  if (declaration.MinLength !== undefined && value.length < Number(declaration.MinLength)) {
    throw templateError(`Parameter '${key}' must contain at least ${declaration.MinLength} characters`);
  }
  if (declaration.MaxLength !== undefined && value.length > Number(declaration.MaxLength)) {
    throw templateError(`Parameter '${key}' must contain at most ${declaration.MaxLength} characters`);
  }
}

function matchesPattern(pattern: string, value: string): boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw templateError(`Template format error: AllowedPattern ${pattern} is not a valid regular expression`);
  }
  return regex.test(value);
}

/** NoEcho parameters show as asterisks in DescribeStacks. */
export function maskNoEcho(template: Template, parameters: readonly StackParameter[]): StackParameter[] {
  return parameters.map((parameter) => {
    const noEcho = template.Parameters?.[parameter.ParameterKey]?.NoEcho;
    return noEcho === true || noEcho === 'true' ? { ...parameter, ParameterValue: '****' } : parameter;
  });
}
