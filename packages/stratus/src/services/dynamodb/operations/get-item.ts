import type { GetItemInput, GetItemOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { itemSize } from '../attribute-value.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { project } from '../expressions/projection.ts';
import { capacity, checkAttributes, requireTable } from '../items.ts';
import { checkKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';
import { checkScalarKeyPaths } from '../update-checks.ts';

export function getItem(store: DynamoStore, input: GetItemInput, ctx: RequestContext): GetItemOutput {
  const params = { legacy: ['AttributesToGet'], valueExpressions: [] };
  checkParameterMix(input, params);
  const keyInput = checkAttributes(input.Key);
  const { projection } = compileExpressions(input, params);
  const table = requireTable(store, ctx, input.TableName);
  if (projection) checkScalarKeyPaths(table, projection);
  const item = store.getItem(ctx.region, table.id, checkKey(table, keyInput));
  return {
    Item: item && projection ? project(item, projection) : item,
    // The item's size only where capacity is asked for (the throughput meter always asks).
    ConsumedCapacity:
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES'
        ? capacity(
            input.ReturnConsumedCapacity,
            table,
            'read',
            item ? itemSize(item) : 0,
            input.ConsistentRead ?? false,
          )
        : undefined,
  };
}
