import { templateError } from '../services/cloudformation/errors.ts';
import { type ResolutionContext, resolveCondition } from './intrinsics.ts';
import type { Template } from './template.ts';

/**
 * Evaluates the template's Rules: for each rule whose RuleCondition holds (or that has none), every
 * assertion must hold, else the deploy fails with the assertion's description — how CDK's
 * `CheckBootstrapVersion` rule reports an outdated bootstrap stack.
 */
export function checkRules(template: Template, ctx: ResolutionContext): void {
  for (const [name, rule] of Object.entries(template.Rules ?? {})) {
    const path = `/Rules/${name}`;
    if (
      rule.RuleCondition !== undefined &&
      !resolveCondition(rule.RuleCondition, ctx, `${path}/RuleCondition`)
    ) {
      continue;
    }
    (rule.Assertions ?? []).forEach((assertion, i) => {
      if (!resolveCondition(assertion.Assert, ctx, `${path}/Assertions/${i}/Assert`)) {
        throw templateError(assertion.AssertDescription ?? `Template error: Rule ${name} assertion failed`);
      }
    });
  }
}
