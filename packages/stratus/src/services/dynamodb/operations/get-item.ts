import { JsonText } from '../../../protocol/json-text.ts';
import type { GetItemInput, GetItemOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { type Item, loadItem, storedAsWireJson } from '../attribute-value.ts';
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
  const stored = store.readItem(ctx.region, table.id, checkKey(table, keyInput));
  return {
    Item: stored && answeredItem(stored.text, projection, ctx),
    // The stored size (itemSize of the whole item, whatever the projection), only where capacity is asked for.
    ConsumedCapacity:
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES'
        ? capacity(
            input.ReturnConsumedCapacity,
            table,
            'read',
            stored?.size ?? 0,
            input.ConsistentRead ?? false,
          )
        : undefined,
  };
}

/**
 * The item as answered. An answer going back over the wire (the request came through the edge) takes
 * the stored text as it is when it is the item's wire JSON and nothing is projected: no parse, and no
 * serialization of the parsed item (json-text.ts). In-process callers (DAX, the CLI) get the item.
 */
function answeredItem(
  text: string,
  projection: ReturnType<typeof compileExpressions>['projection'],
  ctx: RequestContext,
): Item {
  if (ctx.request && !projection && storedAsWireJson(text)) return new JsonText(text) as unknown as Item;
  const item = loadItem(text);
  return projection ? project(item, projection) : item;
}
