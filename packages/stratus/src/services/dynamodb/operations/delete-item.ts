import type { DeleteItemInput, DeleteItemOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { itemSize } from '../attribute-value.ts';
import { indexWriteUnits } from '../capacity.ts';
import { DynamoErrors } from '../errors.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { matches } from '../expressions/evaluate.ts';
import { capacity, checkAttributes, requireTable } from '../items.ts';
import { checkKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';

export function deleteItem(
  store: DynamoStore,
  input: DeleteItemInput,
  ctx: RequestContext,
): DeleteItemOutput {
  const params = {
    legacy: ['Expected', 'ConditionalOperator'],
    valueExpressions: ['ConditionExpression'],
    mixed: ['Expected'],
  };
  checkParameterMix(input, params);
  const keyInput = checkAttributes(input.Key);
  const { condition } = compileExpressions(input, params);
  if (input.ReturnValues && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD') {
    throw DynamoErrors.validation('ReturnValues can only be ALL_OLD or NONE');
  }
  const table = requireTable(store, ctx, input.TableName);
  const key = checkKey(table, keyInput);
  const previous = store.atomically(ctx.region, () => {
    const old = store.getItem(ctx.region, table.id, key);
    if (condition && !matches(condition, old)) throw DynamoErrors.conditionalCheckFailed(old);
    if (old) store.writeItem(ctx.region, table, key, undefined, old);
    return old;
  });
  return {
    Attributes: input.ReturnValues === 'ALL_OLD' ? previous : undefined,
    ConsumedCapacity: capacity(
      input.ReturnConsumedCapacity,
      table,
      'write',
      previous ? itemSize(previous) : 0,
      false,
      indexWriteUnits(table, previous, undefined),
    ),
  };
}
