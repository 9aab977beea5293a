import { templateError } from '../services/cloudformation/errors.ts';
import type { SsmLookup } from './parameters.ts';

const REFERENCE = /\{\{resolve:([a-z-]+):([^}]*)\}\}/g;

/**
 * Replaces dynamic references in resolved property values: `{{resolve:ssm:name}}` and
 * `{{resolve:ssm:name:version}}` read the parameter store. Secrets Manager and `ssm-secure`
 * references are refused with a clear error (Stratus has no Secrets Manager yet).
 */
export function resolveDynamicReferences(value: unknown, ssm: SsmLookup): unknown {
  if (typeof value === 'string') return value.includes('{{resolve:') ? replaceReferences(value, ssm) : value;
  if (Array.isArray(value)) return value.map((item) => resolveDynamicReferences(item, ssm));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveDynamicReferences(item, ssm)]),
    );
  }
  return value;
}

function replaceReferences(text: string, ssm: SsmLookup): string {
  return text.replace(REFERENCE, (whole, service: string, reference: string) => {
    if (service !== 'ssm') {
      throw templateError(
        `Stratus cannot resolve the dynamic reference ${whole}: only {{resolve:ssm:…}} is supported.`,
      );
    }
    const value = ssm(reference);
    if (value === undefined) throw templateError(`Parameters: [ssm:${reference}] cannot be found.`);
    return value;
  });
}
