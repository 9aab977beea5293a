import type { RoutedInvocation } from '../invocation.ts';
import { render } from './evaluate.ts';
import { parseTemplate } from './parse.ts';
import { type ResponseOverride, templateVariables } from './variables.ts';

/**
 * Renders an API Gateway mapping template (a Velocity subset: references, `#set`, `#if`,
 * `#foreach`, `$input`, `$context`, `$stageVariables`, `$util`). Throws SyntaxError for
 * templates outside that subset.
 */
export function renderTemplate(
  template: string,
  inv: RoutedInvocation,
  body = '',
): { output: string; override: ResponseOverride } {
  const { variables, override } = templateVariables(inv, body);
  return { output: render(parseTemplate(template), variables), override };
}
