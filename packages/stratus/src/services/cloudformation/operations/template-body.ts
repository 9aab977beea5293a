import { requiredCapabilities } from '../../../cloudformation/capabilities.ts';
import { parseTemplate, type Template } from '../../../cloudformation/template.ts';
import { CloudFormationErrors } from '../errors.ts';

/** The template a request carries: TemplateBody only (Stratus does not fetch TemplateURLs). */
export async function requestTemplate(input: {
  TemplateBody?: string;
  TemplateURL?: string;
}): Promise<unknown> {
  if (input.TemplateBody !== undefined && input.TemplateURL !== undefined) {
    throw CloudFormationErrors.validation('You cannot specify both TemplateURL and TemplateBody');
  }
  if (input.TemplateURL !== undefined) {
    throw CloudFormationErrors.validation(
      'Stratus accepts templates as TemplateBody only; TemplateURL is not supported.',
    );
  }
  if (input.TemplateBody === undefined) {
    throw CloudFormationErrors.validation('Either Template URL or Template Body must be specified.');
  }
  return parseTemplate(input.TemplateBody);
}

/** CreateStack/UpdateStack refuse IAM resources unless granted the matching capability. */
export function checkCapabilities(template: unknown, granted: readonly string[] | undefined): void {
  const resources = (template as Template | undefined)?.Resources;
  if (!resources || typeof resources !== 'object') return;
  const { capabilities } = requiredCapabilities(template as Template);
  const has = new Set(granted ?? []);
  const missing = capabilities.filter(
    (capability) =>
      !has.has(capability) && !(capability === 'CAPABILITY_IAM' && has.has('CAPABILITY_NAMED_IAM')),
  );
  if (missing.length) throw CloudFormationErrors.insufficientCapabilities(missing);
}
