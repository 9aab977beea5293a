import type { PutItemInput, PutItemOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, itemSize } from '../attribute-value.ts';
import { indexWriteUnits } from '../capacity.ts';
import { DynamoErrors } from '../errors.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { matches } from '../expressions/evaluate.ts';
import { capacity, checkAttributesAndSize, checkedSize, requireTable, writeNeedsPrevious } from '../items.ts';
import { checkItemKeys } from '../keys.ts';
import type { DynamoStore } from '../store.ts';

export function putItem(store: DynamoStore, input: PutItemInput, ctx: RequestContext): PutItemOutput {
  const params = {
    legacy: ['Expected', 'ConditionalOperator'],
    valueExpressions: ['ConditionExpression'],
    mixed: ['Expected'],
  };
  // AWS's order: parameter mix, attribute values, ReturnValues, item size, then conditions.
  checkParameterMix(input, params);
  const { item, size: measured } = checkAttributesAndSize(input.Item);
  if (input.ReturnValues && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD') {
    throw DynamoErrors.validation('ReturnValues can only be ALL_OLD or NONE');
  }
  const size = checkedSize(measured);
  const { condition } = compileExpressions(input, params);
  const table = requireTable(store, ctx, input.TableName);
  const key = checkItemKeys(table, item);
  const readsPrevious =
    condition !== undefined ||
    input.ReturnValues === 'ALL_OLD' ||
    writeNeedsPrevious(table, input.ReturnConsumedCapacity);
  // Without a read, a plain table's put is one INSERT (nothing else keeps step with it: no stream, TTL,
  // index or replica), atomic on its own: no BEGIN and COMMIT around it.
  let previous: Item | undefined;
  if (!readsPrevious) store.writeItem(ctx.region, table, key, item, undefined, { size });
  else
    previous = store.atomically(ctx.region, () => {
      const old = store.getItem(ctx.region, table.id, key);
      if (condition && !matches(condition, old)) throw DynamoErrors.conditionalCheckFailed(old);
      store.writeItem(ctx.region, table, key, item, old, { size });
      return old;
    });
  return {
    Attributes: input.ReturnValues === 'ALL_OLD' ? previous : undefined,
    ConsumedCapacity:
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES'
        ? capacity(
            input.ReturnConsumedCapacity,
            table,
            'write',
            Math.max(size, previous ? itemSize(previous) : 0),
            false,
            indexWriteUnits(table, previous, item),
          )
        : undefined,
  };
}
