import { templateError } from '../services/cloudformation/errors.ts';
import type { ExportRecord, StackOutput, StackRecord, StackStore } from '../services/cloudformation/store.ts';
import { NO_VALUE, type ResolutionContext, resolveValue } from './intrinsics.ts';
import type { Template } from './template.ts';

/** Resolves the Outputs section (outputs whose Condition is false are left out). */
export function computeOutputs(template: Template, ctx: ResolutionContext): StackOutput[] {
  const outputs: StackOutput[] = [];
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !ctx.condition(output.Condition)) continue;
    const value = outputString(resolveValue(output.Value, ctx, `/Outputs/${key}/Value`), key);
    const exportName =
      output.Export === undefined
        ? undefined
        : outputString(resolveValue(output.Export.Name, ctx, `/Outputs/${key}/Export/Name`), key);
    outputs.push({
      OutputKey: key,
      OutputValue: value,
      ...(output.Description === undefined ? {} : { Description: String(output.Description) }),
      ...(exportName === undefined ? {} : { ExportName: exportName }),
    });
  }
  return outputs;
}

function outputString(value: unknown, key: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value === NO_VALUE) return '';
  throw templateError(
    `Template format error: The Value of output ${key} must evaluate to a String, not a List or an object.`,
  );
}

export function exportsOf(stack: StackRecord, outputs: readonly StackOutput[]): ExportRecord[] {
  return outputs.flatMap((output) =>
    output.ExportName === undefined
      ? []
      : [{ name: output.ExportName, value: output.OutputValue, stackId: stack.stackId }],
  );
}

/**
 * CloudFormation's export rules: a name is exported by one stack only, and an export another
 * stack imports can be neither changed nor removed.
 */
export function checkExports(store: StackStore, stack: StackRecord, exports: readonly ExportRecord[]): void {
  const names = new Set<string>();
  for (const item of exports) {
    if (names.has(item.name))
      throw templateError(`Template format error: duplicate Export names ${item.name}`);
    names.add(item.name);
    const existing = store.getExport(stack.accountId, stack.region, item.name);
    if (existing && existing.stackId !== stack.stackId) {
      const owner = store.getStack(existing.stackId)?.stackName ?? existing.stackId;
      throw templateError(`Export with name ${item.name} is already exported by stack ${owner}`);
    }
  }
  const next = new Map(exports.map((item) => [item.name, item.value]));
  for (const current of store.listExports(stack.accountId, stack.region)) {
    if (current.stackId !== stack.stackId || next.get(current.name) === current.value) continue;
    const users = store.importers(stack.accountId, stack.region, current.name, stack.stackId);
    if (users.length === 0) continue;
    throw templateError(
      next.has(current.name)
        ? `Cannot update export ${current.name} as it is in use by ${users.join(', ')}`
        : `Export ${current.name} cannot be deleted as it is in use by ${users.join(', ')}`,
    );
  }
}
