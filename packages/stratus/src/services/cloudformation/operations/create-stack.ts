import type { CreateStackInput, CreateStackOutput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import type { StackApi } from './api.ts';
import { stackParameters } from './stack-parameters.ts';
import { checkCapabilities, requestTemplate } from './template-body.ts';

/** Validates the template, then creates the stack in the background (poll DescribeStacks). */
export async function createStack(
  api: StackApi,
  input: CreateStackInput,
  ctx: RequestContext,
): Promise<CreateStackOutput> {
  const template = await requestTemplate(input);
  checkCapabilities(template, input.Capabilities);
  const { values } = stackParameters(input.Parameters);
  const operation = api.engine.deploy({
    mode: 'create',
    stackName: input.StackName,
    region: ctx.region,
    template,
    templateBody: input.TemplateBody!,
    parameters: values,
    onFailure: input.OnFailure ?? (input.DisableRollback ? 'DO_NOTHING' : 'ROLLBACK'),
    tags: input.Tags?.map((tag) => ({ Key: tag.Key, Value: tag.Value })),
    capabilities: input.Capabilities,
  });
  return { StackId: operation.stackId };
}
