import { requiredCapabilities } from '../../../cloudformation/capabilities.ts';
import { checkReferences } from '../../../cloudformation/references.ts';
import { checkStructure } from '../../../cloudformation/structure.ts';
import type {
  ValidateTemplateInput,
  ValidateTemplateOutput,
} from '../../../protocol/models/types/cloudformation.ts';
import { requestTemplate } from './template-body.ts';

/** Checks a template's syntax and names, and reports its parameters and required capabilities. */
export async function validateTemplate(input: ValidateTemplateInput): Promise<ValidateTemplateOutput> {
  const template = checkStructure(await requestTemplate(input));
  checkReferences(template);
  const { capabilities, types } = requiredCapabilities(template);
  return {
    Parameters: Object.entries(template.Parameters ?? {}).map(([key, parameter]) => ({
      ParameterKey: key,
      DefaultValue: parameter.Default === undefined ? undefined : String(parameter.Default),
      NoEcho: parameter.NoEcho === true || parameter.NoEcho === 'true',
      Description: parameter.Description,
    })),
    Description: template.Description,
    Capabilities: capabilities as ValidateTemplateOutput['Capabilities'],
    CapabilitiesReason: types.length
      ? `The following resource(s) require capabilities: [${types.join(', ')}]`
      : undefined,
    DeclaredTransforms: [],
  };
}
