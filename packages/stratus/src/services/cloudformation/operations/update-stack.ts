import type { UpdateStackInput, UpdateStackOutput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import { CloudFormationErrors } from '../errors.ts';
import type { StackApi } from './api.ts';
import { stackParameters } from './stack-parameters.ts';
import { checkCapabilities, requestTemplate } from './template-body.ts';

/** Validates the new template (or reuses the current one), then updates the stack in the background. */
export async function updateStack(
  api: StackApi,
  input: UpdateStackInput,
  ctx: RequestContext,
): Promise<UpdateStackOutput> {
  const stack = api.store.findStack(ctx.accountId, ctx.region, input.StackName);
  if (!stack || stack.deletedAt)
    throw CloudFormationErrors.validation(`Stack [${input.StackName}] does not exist`);
  let template: unknown;
  let templateBody: string;
  if (input.UsePreviousTemplate) {
    if (input.TemplateBody !== undefined || input.TemplateURL !== undefined) {
      throw CloudFormationErrors.validation(
        'You cannot specify both usePreviousTemplate and Template Body/Template URL',
      );
    }
    template = stack.template;
    templateBody = stack.templateBody;
  } else {
    template = await requestTemplate(input);
    templateBody = input.TemplateBody!;
  }
  checkCapabilities(template, input.Capabilities);
  const { values, previous } = stackParameters(input.Parameters);
  const operation = api.engine.deploy({
    mode: 'update',
    stackName: stack.stackName,
    region: ctx.region,
    template,
    templateBody,
    parameters: values,
    previousParameters: previous,
    tags: input.Tags?.map((tag) => ({ Key: tag.Key, Value: tag.Value })),
    capabilities: input.Capabilities,
  });
  return { StackId: operation.stackId };
}
