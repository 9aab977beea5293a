import type { DeleteTableInput, DeleteTableOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { DynamoErrors } from '../errors.ts';
import type { DynamoStore } from '../store.ts';
import { describeTable } from '../table.ts';

/** DeleteTable answers DELETING, as AWS does; the table and its items are gone at once. */
export function deleteTable(
  store: DynamoStore,
  input: DeleteTableInput,
  ctx: RequestContext,
): DeleteTableOutput {
  const table = store.getTable(ctx.accountId, ctx.region, input.TableName);
  if (!table) throw DynamoErrors.tableNotFound(input.TableName);
  const description = describeTable(table, store.stats(ctx.region, table.id), 'DELETING');
  store.dropTable(ctx.accountId, ctx.region, table);
  return { TableDescription: description };
}
