import { randomString } from '../../../cloudformation/naming.ts';
import { type ResourceProvider, requestContext } from '../../../cloudformation/provider.ts';
import { AwsError, isAwsError } from '../../../protocol/errors.ts';
import { deleteParameter } from '../operations/delete-parameter.ts';
import { getParameter } from '../operations/get-parameter.ts';
import { putParameter } from '../operations/put-parameter.ts';
import type { ParameterStore } from '../store.ts';

const MIXED_ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

interface ParameterProps {
  Name?: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Value: string;
  Description?: string;
  AllowedPattern?: string;
  Tier?: 'Standard' | 'Advanced' | 'Intelligent-Tiering';
  DataType?: string;
  Tags?: Record<string, string>;
}

/**
 * AWS::SSM::Parameter. Ref is the name (generated as `CFN-<LogicalId>-<random>` when the template
 * sets none); attributes Type and Value. A new Name replaces the parameter.
 */
export function ssmParameterProvider(
  store: ParameterStore,
  now: () => number,
): ResourceProvider<ParameterProps> {
  const attributes = (props: ParameterProps) => ({ Type: props.Type, Value: String(props.Value) });
  const put = (
    name: string,
    props: ParameterProps,
    overwrite: boolean,
    ctx: Parameters<typeof requestContext>[0],
  ) =>
    putParameter(
      store,
      {
        Name: name,
        Type: props.Type,
        Value: String(props.Value),
        Description: props.Description,
        AllowedPattern: props.AllowedPattern,
        Tier: props.Tier === 'Intelligent-Tiering' ? undefined : props.Tier,
        DataType: props.DataType,
        Overwrite: overwrite,
      },
      requestContext(ctx, 'ssm', 'PutParameter'),
      now(),
    );
  return {
    replaceOn: ['Name'],
    async create(props, ctx) {
      const name = props.Name ?? `CFN-${ctx.logicalId}-${randomString(12, MIXED_ALNUM)}`;
      try {
        put(name, props, false, ctx);
      } catch (error) {
        if (isAwsError(error) && error.code === 'ParameterAlreadyExists') {
          throw new AwsError(
            'AlreadyExists',
            `Resource of type 'AWS::SSM::Parameter' with identifier '${name}' already exists.`,
          );
        }
        throw error;
      }
      return { physicalId: name, attributes: attributes(props) };
    },
    async update(physicalId, props, _previous, ctx) {
      put(physicalId, props, true, ctx);
      return { physicalId, attributes: attributes(props) };
    },
    async delete(physicalId, _props, ctx) {
      try {
        getParameter(store, { Name: physicalId }, requestContext(ctx, 'ssm', 'GetParameter'));
        deleteParameter(store, { Name: physicalId }, requestContext(ctx, 'ssm', 'DeleteParameter'));
      } catch (error) {
        if (!isAwsError(error) || error.code !== 'ParameterNotFound') throw error;
      }
    },
  };
}
