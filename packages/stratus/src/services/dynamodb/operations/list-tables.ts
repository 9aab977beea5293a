import type { ListTablesInput, ListTablesOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import type { DynamoStore } from '../store.ts';

/** Names in ascending order, at most Limit (default and maximum 100) after ExclusiveStartTableName. */
export function listTables(
  store: DynamoStore,
  input: ListTablesInput,
  ctx: RequestContext,
): ListTablesOutput {
  const limit = input.Limit ?? 100;
  const start = input.ExclusiveStartTableName;
  const names = store.tableNames(ctx.accountId, ctx.region).filter((n) => start === undefined || n > start);
  const page = names.slice(0, limit);
  return {
    TableNames: page,
    LastEvaluatedTableName: names.length > limit ? page.at(-1) : undefined,
  };
}
