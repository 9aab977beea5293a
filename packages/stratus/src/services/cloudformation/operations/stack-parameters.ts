import type { Parameter } from '../../../protocol/models/types/cloudformation.ts';
import { CloudFormationErrors } from '../errors.ts';

/** A request's Parameters: given values, and the keys that keep their previous value. */
export function stackParameters(parameters: readonly Parameter[] | undefined): {
  values: Record<string, string>;
  previous: string[];
} {
  const values: Record<string, string> = {};
  const previous: string[] = [];
  for (const parameter of parameters ?? []) {
    const key = parameter.ParameterKey;
    if (!key) continue;
    if (parameter.UsePreviousValue) {
      if (parameter.ParameterValue !== undefined) {
        throw CloudFormationErrors.validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true and non empty value for a parameter`,
        );
      }
      previous.push(key);
    } else values[key] = parameter.ParameterValue ?? '';
  }
  return { values, previous };
}
