import type { ListExportsInput, ListExportsOutput } from '../../../protocol/models/types/cloudformation.ts';
import type { RequestContext } from '../../service.ts';
import type { StackApi } from './api.ts';

export function listExports(api: StackApi, _input: ListExportsInput, ctx: RequestContext): ListExportsOutput {
  return {
    Exports: api.store
      .listExports(ctx.accountId, ctx.region)
      .map((item) => ({ ExportingStackId: item.stackId, Name: item.name, Value: item.value })),
  };
}
