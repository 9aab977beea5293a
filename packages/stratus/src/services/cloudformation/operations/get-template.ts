import type { GetTemplateInput, GetTemplateOutput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { CloudFormationErrors } from '../errors.ts';
import { requireStack, type StackApi } from './api.ts';

/** The template in force, as it was given. */
export function getTemplate(api: StackApi, input: GetTemplateInput, ctx: RequestContext): GetTemplateOutput {
  if (input.ChangeSetName) throw CloudFormationErrors.validation('Stratus does not support change sets.');
  const stack = requireStack(api, ctx, input.StackName);
  return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
}
