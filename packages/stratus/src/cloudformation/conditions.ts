import { templateError } from '../services/cloudformation/errors.ts';
import { type ResolutionContext, resolveCondition } from './intrinsics.ts';

/**
 * Evaluates a template's Conditions section. Conditions may name each other; each is evaluated
 * once, and a condition that (indirectly) names itself is a template error.
 */
export function evaluateConditions(
  conditions: Record<string, unknown> | undefined,
  base: Omit<ResolutionContext, 'condition'>,
): Map<string, boolean> {
  const results = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const ctx: ResolutionContext = { ...base, condition: (name) => evaluate(name) };
  const evaluate = (name: string): boolean | undefined => {
    if (!conditions || !Object.hasOwn(conditions, name)) return undefined;
    const known = results.get(name);
    if (known !== undefined) return known;
    if (evaluating.has(name)) throw templateError(`Template error: circular condition dependency ${name}`);
    evaluating.add(name);
    const value = resolveCondition(conditions[name], ctx, `/Conditions/${name}`);
    evaluating.delete(name);
    results.set(name, value);
    return value;
  };
  for (const name of Object.keys(conditions ?? {})) evaluate(name);
  return results;
}
