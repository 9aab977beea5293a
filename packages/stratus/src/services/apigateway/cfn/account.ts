import type { ResourceContext, ResourceProvider } from '../../../cloudformation/provider.ts';
import { newId } from '../ids.ts';
import { updateAccount } from '../operations/update-account.ts';
import type { ApiGatewayState } from '../state.ts';
import { scopeOf } from './common.ts';

/**
 * AWS::ApiGateway::Account: records the CloudWatch role of the region's API Gateway settings.
 * Deleting it changes nothing, as on AWS (the settings are the region's, not the stack's).
 */
export function accountProvider(state: ApiGatewayState): ResourceProvider {
  const record = (props: Record<string, any>, ctx: ResourceContext) =>
    updateAccount(
      state,
      {
        patchOperations: [
          { op: 'replace', path: '/cloudwatchRoleArn', value: props.CloudWatchRoleArn ?? '' },
        ],
      },
      scopeOf(ctx),
    );
  return {
    async create(props, ctx) {
      record(props, ctx);
      return { physicalId: `ApiGatewayAccount-${newId(12)}` };
    },
    async update(physicalId, props, _previous, ctx) {
      record(props, ctx);
      return { physicalId };
    },
    async delete() {},
  };
}
