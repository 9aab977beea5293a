import type { DescribeTableInput, DescribeTableOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { DynamoErrors } from '../errors.ts';
import type { DynamoStore } from '../store.ts';
import { describeTable } from '../table.ts';

export function describeTableOperation(
  store: DynamoStore,
  input: DescribeTableInput,
  ctx: RequestContext,
): DescribeTableOutput {
  const table = store.getTable(ctx.accountId, ctx.region, input.TableName);
  if (!table) throw DynamoErrors.tableNotFound(input.TableName);
  return { Table: describeTable(table, store.stats(ctx.region, table.id)) };
}
