import { isAwsError } from '../../../protocol/errors.ts';
import type { UpdateItemInput, UpdateItemOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, itemSize } from '../attribute-value.ts';
import { indexWriteUnits } from '../capacity.ts';
import { DynamoErrors } from '../errors.ts';
import type { UpdateAction } from '../expressions/ast.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { matches } from '../expressions/evaluate.ts';
import { project } from '../expressions/projection.ts';
import { applyUpdate, WRONG_TYPE } from '../expressions/update.ts';
import { capacity, checkAttributes, checkItemSize, requireTable } from '../items.ts';
import { checkItemKeys, checkKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';
import { keyNames, type TableRecord } from '../table.ts';
import { checkIndexUpdates, checkUpdatedIndexKeys } from '../update-checks.ts';

/** UpdateItem: changes (or creates) one item with an UpdateExpression, under an optional condition. */
export function updateItem(
  store: DynamoStore,
  input: UpdateItemInput,
  ctx: RequestContext,
): UpdateItemOutput {
  const params = {
    legacy: ['AttributeUpdates', 'Expected', 'ConditionalOperator'],
    valueExpressions: ['UpdateExpression', 'ConditionExpression'],
    mixed: ['AttributeUpdates', 'Expected'],
  };
  checkParameterMix(input, params);
  const keyInput = checkAttributes(input.Key);
  const { update, condition } = compileExpressions(input, params);
  const table = requireTable(store, ctx, input.TableName);
  const key = checkKey(table, keyInput);
  const actions = update ?? [];
  checkKeyUntouched(table, actions);
  checkIndexUpdates(table, actions);
  const { previous, next } = store.atomically(ctx.region, () => {
    const old = store.getItem(ctx.region, table.id, key);
    if (condition && !matches(condition, old)) throw DynamoErrors.conditionalCheckFailed(old);
    // A new item's update sees its key attributes (`SET c = a` copies the key).
    const updated: Item = { ...legacyWords(input, () => applyUpdate(actions, old ?? keyInput)), ...keyInput };
    checkUpdatedIndexKeys(table, updated);
    checkItemKeys(table, updated);
    checkItemSize(updated, true);
    store.writeItem(ctx.region, table, key, updated, old);
    return { previous: old, next: updated };
  });
  return {
    Attributes: returned(input.ReturnValues, actions, previous, next),
    ConsumedCapacity: capacity(
      input.ReturnConsumedCapacity,
      table,
      'write',
      Math.max(itemSize(next), previous ? itemSize(previous) : 0),
      false,
      indexWriteUnits(table, previous, next),
    ),
  };
}

/** An UpdateExpression may not change the table's key attributes. */
export function checkKeyUntouched(table: TableRecord, actions: readonly UpdateAction[]): void {
  const names = keyNames(table.keySchema);
  for (const action of actions) {
    const head = action.path.elements[0] as { name: string };
    if (head.name === names.hash || head.name === names.range) {
      throw DynamoErrors.validation(
        `One or more parameter values were invalid: Cannot update attribute ${head.name}. This attribute is part of the key`,
      );
    }
  }
}

function returned(
  mode: UpdateItemInput['ReturnValues'],
  actions: readonly UpdateAction[],
  previous: Item | undefined,
  next: Item,
): Item | undefined {
  const paths = actions.map((a) => a.path);
  let result: Item | undefined;
  if (mode === 'ALL_OLD') result = previous;
  else if (mode === 'ALL_NEW') result = next;
  else if (mode === 'UPDATED_OLD') result = previous ? project(previous, paths) : undefined;
  else if (mode === 'UPDATED_NEW') result = project(next, paths);
  return result && Object.keys(result).length > 0 ? result : undefined;
}

/** AttributeUpdates words a wrong ADD/DELETE type as the legacy API does. */
function legacyWords<T>(input: UpdateItemInput, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (input.AttributeUpdates && isAwsError(error) && error.message === WRONG_TYPE)
      throw DynamoErrors.validation('Type mismatch for attribute to update');
    throw error;
  }
}
