import { ApiGatewayErrors } from '../errors.ts';
import { booleanValue, numberValue, requireValue, unescapeSegment } from '../patch.ts';
import type { PatchOperation, RestApi } from '../shapes.ts';
import type { ApiGatewayState } from '../state.ts';
import type { Scope } from '../store.ts';
import { validateCompressionSize } from './create-rest-api.ts';
import { requireApi } from './lookup.ts';

export interface UpdateRestApiInput {
  restApiId: string;
  patchOperations?: PatchOperation[];
}

/** Applies the patch operations API Gateway accepts on a REST API's settings. */
export function updateRestApi(state: ApiGatewayState, input: UpdateRestApiInput, scope: Scope): RestApi {
  const api = requireApi(state, scope, input.restApiId);
  for (const op of input.patchOperations ?? []) applyPatch(api, op);
  state.store.updateApi(api);
  return api;
}

function applyPatch(api: RestApi, op: PatchOperation): void {
  if (op.path.startsWith('/binaryMediaTypes/')) {
    const type = unescapeSegment(op.path.slice('/binaryMediaTypes/'.length));
    const types = new Set(api.binaryMediaTypes ?? []);
    if (op.op === 'add') types.add(type);
    else if (op.op === 'remove') types.delete(type);
    else if (op.op === 'replace') {
      types.delete(type);
      types.add(requireValue(op));
    } else throw ApiGatewayErrors.invalidPatchPath(op.path);
    api.binaryMediaTypes = types.size ? [...types] : undefined;
    return;
  }
  if (op.op !== 'replace') throw ApiGatewayErrors.invalidPatchPath(op.path);
  switch (op.path) {
    case '/name':
      api.name = requireValue(op);
      return;
    case '/description':
      api.description = op.value || undefined;
      return;
    case '/version':
      api.version = op.value || undefined;
      return;
    case '/policy':
      api.policy = op.value || undefined;
      return;
    case '/apiKeySource':
      api.apiKeySource = requireValue(op);
      return;
    case '/disableExecuteApiEndpoint':
      api.disableExecuteApiEndpoint = booleanValue(op);
      return;
    case '/minimumCompressionSize': {
      const size = op.value ? numberValue(op) : undefined;
      validateCompressionSize(size);
      api.minimumCompressionSize = size;
      return;
    }
    default:
      throw ApiGatewayErrors.invalidPatchPath(op.path);
  }
}
