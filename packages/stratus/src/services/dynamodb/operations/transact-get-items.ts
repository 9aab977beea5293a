import type {
  ItemResponse,
  TransactGetItemsInput,
  TransactGetItemsOutput,
} from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { itemSize } from '../attribute-value.ts';
import { compileExpressions } from '../expressions/compile.ts';
import { project } from '../expressions/projection.ts';
import { checkAttributes, requireTable } from '../items.ts';
import { checkKey } from '../keys.ts';
import type { DynamoStore } from '../store.ts';
import { itemTracker, TransactionUnits, transactionCapacity } from '../transactions.ts';

/** TransactGetItems: every item read in one SQLite transaction, so they are one consistent snapshot. */
export function transactGetItems(
  store: DynamoStore,
  input: TransactGetItemsInput,
  ctx: RequestContext,
): TransactGetItemsOutput {
  const track = itemTracker();
  const gets = input.TransactItems.map(({ Get: get }) => {
    const keyInput = checkAttributes(get.Key);
    const { projection } = compileExpressions(get, { legacy: [], valueExpressions: [] });
    const table = requireTable(store, ctx, get.TableName);
    const key = checkKey(table, keyInput);
    track(table, key);
    return { table, key, projection };
  });
  const units = new TransactionUnits();
  const responses = store.atomically(ctx.region, () =>
    gets.map(({ table, key, projection }): ItemResponse => {
      const item = store.getItem(ctx.region, table.id, key);
      units.add(table, 'read', item ? itemSize(item) : 0);
      if (!item) return {};
      return { Item: projection ? project(item, projection) : item };
    }),
  );
  return { Responses: responses, ConsumedCapacity: transactionCapacity(input.ReturnConsumedCapacity, units) };
}
