/**
 * What Query and Scan share: reading rows up to Limit or 1 MB, the filter, projections
 * (the index's and the request's), Select, and the LastEvaluatedKey / ExclusiveStartKey pair.
 */

import { isAwsError } from '../../protocol/errors.ts';
import { JsonText } from '../../protocol/json-text.ts';
import type { QueryInput, ScanInput } from '../../protocol/models/types/dynamodb.ts';
import type { RequestContext } from '../service.ts';
import { type Item, itemSize, loadItem, storedAsWireJson, typeOf } from './attribute-value.ts';
import { consumedCapacity, readUnits } from './capacity.ts';
import { DynamoErrors } from './errors.ts';
import type { Condition, PathNode } from './expressions/ast.ts';
import type { CompiledExpressions } from './expressions/compile.ts';
import { matches } from './expressions/evaluate.ts';
import { project } from './expressions/projection.ts';
import { capacity, checkAttributes } from './items.ts';
import { encodeKeyValue, encodePartitionKey, NO_SORT_KEY } from './key-codec.ts';
import type { StoredKey } from './keys.ts';
import { itemOrder, keyAttributes } from './keys.ts';
import type { DynamoStore, RangeRequest, ReadRow } from './store.ts';
import { attributeType, findIndex, type IndexRecord, keyNames, type TableRecord } from './table.ts';

const PAGE_BYTES = 1024 * 1024;

export interface ReadTarget {
  readonly table: TableRecord;
  readonly index?: IndexRecord;
  readonly global: boolean;
}

/** The table or the index a Query or Scan reads, with AWS's checks of IndexName and ConsistentRead. */
export function readTarget(table: TableRecord, input: QueryInput | ScanInput): ReadTarget {
  if (input.IndexName === undefined) return { table, global: false };
  const found = findIndex(table, input.IndexName);
  if (!found)
    throw DynamoErrors.validation(`The table does not have the specified index: ${input.IndexName}`);
  if (found.global && input.ConsistentRead) {
    throw DynamoErrors.validation('Consistent reads are not supported on global secondary indexes');
  }
  return { table, index: found.index, global: found.global };
}

/** Select ALL_ATTRIBUTES on a GSI that does not project all (checked within startPosition's order). */
export function checkSelect(target: ReadTarget, select: string | undefined): void {
  const { index } = target;
  if (target.global && select === 'ALL_ATTRIBUTES' && index?.projection.ProjectionType !== 'ALL') {
    throw DynamoErrors.validation(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index?.name} because its projection type is not ALL`,
    );
  }
}

/**
 * An ExclusiveStartKey's values, checked: AWS prefixes most problems with `The provided starting
 * key is invalid: `, but not those about numbers and duplicates.
 */
export function checkStartKey(key: Item): Item {
  try {
    return checkAttributes(key);
  } catch (error) {
    const kept = /contains duplicates|number set|numeric value|significant digits|number with magnitude/;
    if (!isAwsError(error) || kept.test(error.message)) throw error;
    throw DynamoErrors.validation(`The provided starting key is invalid: ${error.message}`);
  }
}

/**
 * Where an ExclusiveStartKey puts the read: after this table (and index) position. AWS's words
 * depend on what is wrong: on an index, a key with the wrong number of attributes or without an
 * index key is `The provided starting key is invalid`, an index key of the wrong type `The provided
 * key element does not match the schema`; the table's own key parts (and any problem of a table
 * read) carry both (as dynalite's suite records). The Select check falls between the index's
 * key and the table's; a Query's key conditions (`afterHash`) are checked after the hash key.
 */
export function startPosition(
  target: ReadTarget,
  start: Item | undefined,
  select?: string,
  query = false,
  afterHash: () => void = () => {},
): { key: StoredKey; itemKey?: StoredKey; itemOrder?: Buffer } | undefined {
  if (!start) {
    afterHash();
    checkSelect(target, select);
    return undefined;
  }
  const invalid = () =>
    DynamoErrors.validation(
      'The provided starting key is invalid: The provided key element does not match the schema',
    );
  const stored = (
    schema: TableRecord['keySchema'],
    missing: () => Error,
    mismatch: () => Error,
  ): StoredKey => {
    const names = keyNames(schema);
    const hash = start[names.hash];
    const range = names.range ? start[names.range] : undefined;
    if (!hash) throw missing();
    if (typeOf(hash) !== attributeType(target.table, names.hash)) throw mismatch();
    if (schema === (target.index ?? target.table).keySchema) afterHash();
    if (names.range && !range) throw missing();
    if (names.range && typeOf(range!) !== attributeType(target.table, names.range)) throw mismatch();
    return { pk: encodePartitionKey(hash), sk: range ? encodeKeyValue(range) : NO_SORT_KEY };
  };
  const { table, index } = target;
  const parts = new Set([...table.keySchema, ...(index?.keySchema ?? [])].map((k) => k.AttributeName));
  const count = Object.keys(start).length;
  const startInvalid = () => DynamoErrors.validation('The provided starting key is invalid');
  const mismatch = () => DynamoErrors.validation('The provided key element does not match the schema');
  if (!index) {
    // A Query words its table's key as a Scan words an index's.
    if (count !== parts.size) throw query ? startInvalid() : invalid();
    return {
      key: query
        ? stored(table.keySchema, startInvalid, mismatch)
        : stored(table.keySchema, invalid, invalid),
    };
  }
  if (count !== parts.size) throw startInvalid();
  const key = stored(index.keySchema, startInvalid, mismatch);
  checkSelect(target, select);
  return { key, itemKey: stored(table.keySchema, invalid, invalid), itemOrder: itemOrder(table, start) };
}

export interface PageRequest {
  readonly target: ReadTarget;
  /** Only the items are read (Query's rows carry no stored keys, but the item's stored size). */
  readonly rows: Iterable<{ readonly item: ReadRow['item']; readonly size?: number }>;
  readonly limit?: number;
  readonly filter?: Condition;
  readonly projection?: PathNode[];
  readonly select?: string;
  readonly consistent: boolean;
  readonly returnConsumedCapacity?: QueryInput['ReturnConsumedCapacity'];
}

export function readPage(request: PageRequest) {
  const { target } = request;
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  let more = false;
  const fetches = fetchesFromTable(request);
  let fetchedBytes = 0;
  if (request.limit === undefined || request.limit > 0) {
    for (const row of request.rows) {
      if (bytes >= PAGE_BYTES) {
        more = true;
        break;
      }
      const entry = indexView(target, row.item);
      scanned++;
      // An index read costs the size of the index entry (its projection), not the table item.
      bytes += target.index ? itemSize(entry) : (row.size ?? itemSize(row.item));
      if (fetches) fetchedBytes += itemSize(row.item);
      const visible = fetches ? row.item : entry;
      last = row.item;
      if (!request.filter || matches(request.filter, visible)) {
        items.push(request.projection ? project(visible, request.projection) : visible);
      }
      // At Limit the page ends without reading (and parsing) the row after it.
      if (request.limit !== undefined && scanned >= request.limit) break;
    }
  }
  // AWS stops at Limit without looking ahead, so a full page always carries a LastEvaluatedKey.
  if (!more && request.limit !== undefined && scanned === request.limit) more = true;
  return {
    Items: request.select === 'COUNT' ? undefined : items,
    Count: items.length,
    ScannedCount: scanned,
    LastEvaluatedKey: more && last ? keyAttributes(target.table, last, target.index) : undefined,
    ConsumedCapacity: fetches
      ? consumedCapacity(
          request.returnConsumedCapacity,
          target.table,
          readUnits(fetchedBytes, request.consistent),
          { [target.index!.name]: readUnits(bytes, request.consistent) },
        )
      : capacity(
          request.returnConsumedCapacity,
          target.table,
          'read',
          bytes,
          request.consistent,
          {},
          target.index?.name,
        ),
  };
}

/**
 * The page of a Query or Scan answered with the items' stored texts (readStoredPage), when that is the
 * answer: over the wire, a table's items with no filter, projection or COUNT (`plain`: nothing else of
 * the caller's asks for parsed items). Undefined: read the page with readPage.
 */
export function storedTextPage(
  store: DynamoStore,
  ctx: RequestContext,
  target: ReadTarget,
  compiled: Pick<CompiledExpressions, 'filter' | 'projection'>,
  input: Pick<QueryInput, 'Select' | 'Limit' | 'ConsistentRead' | 'ReturnConsumedCapacity'>,
  range: RangeRequest,
  plain = true,
) {
  if (!plain || !ctx.request || target.index || compiled.filter || compiled.projection) return undefined;
  if (input.Select === 'COUNT') return undefined;
  return readStoredPage({
    table: target.table,
    rows: store.itemTexts(ctx.region, range),
    limit: input.Limit,
    consistent: input.ConsistentRead ?? false,
    returnConsumedCapacity: input.ReturnConsumedCapacity,
  });
}

/**
 * readPage of what is read as stored: a table's items with no filter, projection or COUNT, answered
 * over the wire. Each item's stored text is its answer (json-text.ts) unless it holds binary; only the
 * last one is parsed, for its LastEvaluatedKey. The same page, count and capacity as readPage's.
 */
function readStoredPage(request: {
  readonly table: TableRecord;
  readonly rows: Iterable<{ readonly text: string; readonly size: number }>;
  readonly limit?: number;
  readonly consistent: boolean;
  readonly returnConsumedCapacity?: QueryInput['ReturnConsumedCapacity'];
}) {
  const items: Item[] = [];
  let bytes = 0;
  let last: string | undefined;
  let more = false;
  if (request.limit === undefined || request.limit > 0) {
    for (const row of request.rows) {
      if (bytes >= PAGE_BYTES) {
        more = true;
        break;
      }
      bytes += row.size;
      last = row.text;
      items.push(
        storedAsWireJson(row.text) ? (new JsonText(row.text) as unknown as Item) : loadItem(row.text),
      );
      if (request.limit !== undefined && items.length >= request.limit) break;
    }
  }
  if (!more && request.limit !== undefined && items.length === request.limit) more = true;
  return {
    Items: items,
    Count: items.length,
    ScannedCount: items.length,
    LastEvaluatedKey: more && last !== undefined ? keyAttributes(request.table, loadItem(last)) : undefined,
    ConsumedCapacity: capacity(
      request.returnConsumedCapacity,
      request.table,
      'read',
      bytes,
      request.consistent,
    ),
  };
}

/**
 * A local index that does not project every attribute answers Select ALL_ATTRIBUTES, and
 * projections or filters naming attributes it lacks, from the table, as DynamoDB does (a global
 * index refuses them instead); the fetched items are charged as table reads.
 */
function fetchesFromTable(request: PageRequest): boolean {
  const { index, global, table } = request.target;
  if (!index || global || index.projection.ProjectionType === 'ALL') return false;
  if (request.select === 'ALL_ATTRIBUTES') return true;
  const held = new Set([
    ...table.keySchema.map((k) => k.AttributeName),
    ...index.keySchema.map((k) => k.AttributeName),
    ...(index.projection.NonKeyAttributes ?? []),
  ]);
  const heads = [
    ...(request.projection ?? []).map((path) => (path.elements[0] as { name: string }).name),
    ...(request.filter ? pathHeads(request.filter).map(([head]) => head) : []),
  ];
  return heads.some((head) => !held.has(head));
}

/** The item as an index holds it: KEYS_ONLY and INCLUDE projections keep only some attributes. */
function indexView(target: ReadTarget, item: Item): Item {
  const projection = target.index?.projection;
  if (!projection || projection.ProjectionType === 'ALL') return item;
  const out = keyAttributes(target.table, item, target.index);
  for (const name of projection.NonKeyAttributes ?? []) if (item[name]) out[name] = item[name];
  return out;
}

/** A query's filter may not name the key attributes of the table or index it reads. */
export function checkFilterPaths(
  target: ReadTarget,
  filter: Condition | undefined,
  label = 'Filter Expression',
): void {
  if (!filter) return;
  const keys = new Set((target.index ?? target.table).keySchema.map((k) => k.AttributeName));
  for (const [head] of pathHeads(filter)) {
    if (keys.has(head)) {
      throw DynamoErrors.validation(
        `${label} can only contain non-primary key attributes: Primary key attribute: ${head}`,
      );
    }
  }
}

/** A filter may name key attributes (of the table or any index) but not look inside one: keys are scalars. */
export function checkScalarKeys(target: ReadTarget, filter: Condition | undefined): void {
  if (!filter) return;
  const { table } = target;
  const tableKeys = new Set(table.keySchema.map((k) => k.AttributeName));
  const indexKeys = new Set(
    [...table.globalIndexes, ...table.localIndexes].flatMap((i) => i.keySchema.map((k) => k.AttributeName)),
  );
  for (const [head, depth] of pathHeads(filter)) {
    if (depth < 2 || !(tableKeys.has(head) || indexKeys.has(head))) continue;
    throw DynamoErrors.validation(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${tableKeys.has(head) ? 'Key' : 'IndexKey'}: ${head}`,
    );
  }
}

/** Each path's first name and its number of elements. */
function pathHeads(condition: Condition): [string, number][] {
  const heads: [string, number][] = [];
  const operand = (o: unknown): void => {
    const node = o as { type: string; elements?: { name: string }[]; args?: unknown[] };
    if (node.type === 'path') heads.push([node.elements![0].name, node.elements!.length]);
    else if (node.type === 'call') node.args!.forEach(operand);
  };
  const walk = (c: Condition): void => {
    if (c.type === 'and' || c.type === 'or') {
      walk(c.left);
      walk(c.right);
    } else if (c.type === 'not') walk(c.condition);
    else if (c.type === 'compare') [c.left, c.right].forEach(operand);
    else if (c.type === 'between') [c.value, c.lower, c.upper].forEach(operand);
    else if (c.type === 'in') [c.value, ...c.list].forEach(operand);
    else if (c.type === 'function') c.call.args.forEach(operand);
  };
  walk(condition);
  return heads;
}
