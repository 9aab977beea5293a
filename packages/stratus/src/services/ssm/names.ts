import { SsmErrors } from './errors.ts';

const NAME = /^[a-zA-Z0-9_.\-/]+$/;

/** Checks a parameter name as Parameter Store does. */
export function checkParameterName(name: string): void {
  const bare = name.replace(/^\//, '').toLowerCase();
  if (bare.startsWith('aws') || bare.startsWith('ssm')) {
    throw SsmErrors.validation(`Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive).`);
  }
  if (!NAME.test(name)) {
    throw SsmErrors.validation(
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw SsmErrors.validation('Parameter name must be a fully qualified name.');
  }
  if (name.split('/').filter(Boolean).length > 15) throw SsmErrors.hierarchyLevels();
}

/** `name` or `name:version` → its parts (GetParameter's selector). */
export function splitSelector(reference: string): { name: string; version?: string } {
  const match = /^(.*):([^:/]+)$/.exec(reference);
  return match && !reference.startsWith('arn:') ? { name: match[1], version: match[2] } : { name: reference };
}
