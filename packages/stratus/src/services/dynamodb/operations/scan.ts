import type { ScanInput, ScanOutput } from '../../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../../service.ts';
import { DynamoErrors } from '../errors.ts';
import { checkParameterMix, compileExpressions } from '../expressions/compile.ts';
import { requireTable } from '../items.ts';
import {
  checkScalarKeys,
  checkStartKey,
  readPage,
  readTarget,
  startPosition,
  storedTextPage,
} from '../reads.ts';
import type { DynamoStore, ReadRow } from '../store.ts';

/** Scan: a whole table or index in partition-hash order; Segment/TotalSegments split the hash range. */
export function scan(store: DynamoStore, input: ScanInput, ctx: RequestContext): ScanOutput {
  const params = {
    legacy: ['AttributesToGet', 'ScanFilter', 'ConditionalOperator'],
    valueExpressions: ['FilterExpression'],
    expressions: ['ProjectionExpression', 'FilterExpression'],
  };
  checkParameterMix(input, params);
  // AWS checks the legacy parameters (AttributesToGet, ScanFilter) before the start key and the
  // segments, the expressions after them.
  const legacy = params.legacy.some(
    (name) => (input as unknown as Record<string, unknown>)[name] !== undefined,
  );
  const early =
    legacy && input.ExpressionAttributeNames === undefined && input.ExpressionAttributeValues === undefined
      ? compileExpressions(input, params)
      : undefined;
  const start = input.ExclusiveStartKey ? checkStartKey(input.ExclusiveStartKey) : undefined;
  checkSegments(input);
  const compiled = early ?? compileExpressions(input, params);
  const table = requireTable(store, ctx, input.TableName);
  const target = readTarget(table, input);
  const after = startPosition(target, start, input.Select);
  if (
    after &&
    input.TotalSegments !== undefined &&
    segmentOf(after.key.pk, input.TotalSegments) !== input.Segment
  ) {
    throw DynamoErrors.validation(
      `The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: ${input.TotalSegments} Segment: ${input.Segment}`,
    );
  }
  checkScalarKeys(target, compiled.filter);
  const range = { tableId: table.id, indexName: target.index?.name, forward: true, after };
  // A segment's membership needs each row's key: only a whole table's page is answered as stored.
  const stored = storedTextPage(
    store,
    ctx,
    target,
    compiled,
    input,
    range,
    input.TotalSegments === undefined,
  );
  if (stored) return stored;
  let rows: Iterable<ReadRow> = store.rows(ctx.region, range);
  if (input.TotalSegments !== undefined) rows = inSegment(rows, input.Segment!, input.TotalSegments);
  return readPage({
    target,
    rows,
    limit: input.Limit,
    filter: compiled.filter,
    projection: compiled.projection,
    select: input.Select,
    consistent: input.ConsistentRead ?? false,
    returnConsumedCapacity: input.ReturnConsumedCapacity,
  });
}

function checkSegments(input: ScanInput): void {
  if (input.Segment !== undefined && input.TotalSegments === undefined) {
    throw DynamoErrors.validation(
      'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    );
  }
  if (input.TotalSegments !== undefined && input.Segment === undefined) {
    throw DynamoErrors.validation(
      'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
    );
  }
  if (
    input.Segment !== undefined &&
    input.TotalSegments !== undefined &&
    input.Segment >= input.TotalSegments
  ) {
    throw DynamoErrors.validation(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${input.Segment} is not less than TotalSegments: ${input.TotalSegments}`,
    );
  }
}

/**
 * The segment of a partition: DynamoDB splits the first 12 bits of the partition hash (4,096
 * values) into TotalSegments ranges, segment s starting at ceil(4096 × s / TotalSegments).
 */
export function segmentOf(pk: Buffer, total: number): number {
  return Math.floor(((pk.readUInt16BE(0) >>> 4) * total) / 4096);
}

/** Rows whose partition hash falls in the segment's share of the range. */
function* inSegment(rows: Iterable<ReadRow>, segment: number, total: number): Generator<ReadRow> {
  for (const row of rows) if (segmentOf(row.key.pk, total) === segment) yield row;
}
