import type { ResourceProvider } from '../../../cloudformation/provider.ts';
import { createResource } from '../operations/create-resource.ts';
import { deleteResource } from '../operations/delete-resource.ts';
import type { ApiGatewayState } from '../state.ts';
import { ignoringNotFound, scopeOf } from './common.ts';

/** AWS::ApiGateway::Resource. Ref and GetAtt ResourceId are the resource id; any change replaces it. */
export function resourceProvider(state: ApiGatewayState): ResourceProvider {
  return {
    replaceOn: ['RestApiId', 'ParentId', 'PathPart'],
    async create(props, ctx) {
      const resource = createResource(
        state,
        { restApiId: props.RestApiId, parentId: props.ParentId, pathPart: props.PathPart },
        scopeOf(ctx),
      );
      return { physicalId: resource.id, attributes: { ResourceId: resource.id } };
    },
    async delete(physicalId, props, ctx) {
      ignoringNotFound(() =>
        deleteResource(state, { restApiId: props.RestApiId, resourceId: physicalId }, scopeOf(ctx)),
      );
    },
  };
}
