/** Primary and index keys of items: validation with AWS's messages, and their stored bytes. */
import { type AttributeValue, type Item, typeOf } from './attribute-value.ts';
import { DynamoErrors } from './errors.ts';
import { encodeKeyValue, encodePartitionKey, NO_SORT_KEY, tableKeyOrder } from './key-codec.ts';
import { attributeType, type IndexRecord, keyNames, type TableRecord } from './table.ts';

export interface StoredKey {
  readonly pk: Buffer;
  readonly sk: Buffer;
}

const INVALID = 'One or more parameter values were invalid: ';

/** Checks a `Key` parameter (GetItem, DeleteItem, UpdateItem) against the table's schema. */
export function checkKey(table: TableRecord, key: Item): StoredKey {
  const names = keyNames(table.keySchema);
  const expected = names.range ? 2 : 1;
  if (Object.keys(key).length !== expected)
    throw DynamoErrors.validation('The provided key element does not match the schema');
  for (const name of [names.hash, names.range]) {
    if (!name) continue;
    const value = key[name];
    const type = attributeType(table, name);
    if (!value || typeOf(value) !== type)
      throw DynamoErrors.validation('The provided key element does not match the schema');
    if (isEmptyKey(value)) {
      throw DynamoErrors.validation(
        `${INVALID}The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. Key: ${name}`,
      );
    }
  }
  return storedKey(table, key);
}

/** Checks an item's key and index-key attributes (PutItem, and UpdateItem's result). */
export function checkItemKeys(table: TableRecord, item: Item): StoredKey {
  const names = keyNames(table.keySchema);
  for (const name of [names.hash, names.range]) {
    if (!name) continue;
    const value = item[name];
    const type = attributeType(table, name);
    if (!value) throw DynamoErrors.validation(`${INVALID}Missing the key ${name} in the item`);
    if (typeOf(value) !== type)
      throw DynamoErrors.validation(
        `${INVALID}Type mismatch for key ${name} expected: ${type} actual: ${typeOf(value)}`,
      );
    if (isEmptyKey(value)) {
      throw DynamoErrors.validation(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. Key: ${name}`,
      );
    }
  }
  for (const index of [...table.localIndexes, ...table.globalIndexes]) checkIndexKeys(table, index, item);
  return storedKey(table, item);
}

function checkIndexKeys(table: TableRecord, index: IndexRecord, item: Item): void {
  for (const { AttributeName: name } of index.keySchema) {
    const value = item[name];
    if (!value) continue;
    const type = attributeType(table, name);
    if (typeOf(value) !== type) {
      throw DynamoErrors.validation(
        `${INVALID}Type mismatch for Index Key ${name} Expected: ${type} Actual: ${typeOf(value)} IndexName: ${index.name}`,
      );
    }
    if (isEmptyKey(value)) {
      throw DynamoErrors.validation(
        `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${name}`,
      );
    }
  }
}

function isEmptyKey(value: AttributeValue): boolean {
  return value.S === '' || (value.B !== undefined && value.B.length === 0);
}

function storedKey(table: TableRecord, item: Item): StoredKey {
  const names = keyNames(table.keySchema);
  const hash = item[names.hash]!;
  const hashBytes = encodeKeyValue(hash);
  if (hashBytes.length > 2048) {
    throw DynamoErrors.validation(
      `${INVALID}Size of hashkey has exceeded the maximum size limit of2048 bytes`,
    );
  }
  const range = names.range ? item[names.range] : undefined;
  const rangeBytes = range ? encodeKeyValue(range) : NO_SORT_KEY;
  if (range && rangeBytes.length > 1024) {
    throw DynamoErrors.validation(
      `${INVALID}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`,
    );
  }
  return { pk: encodePartitionKey(hash, hashBytes), sk: rangeBytes };
}

/** The item's key in an index, or undefined when the item lacks an index key (a sparse index). */
export function indexKey(index: IndexRecord, item: Item): StoredKey | undefined {
  const names = keyNames(index.keySchema);
  const hash = item[names.hash];
  const range = names.range ? item[names.range] : undefined;
  if (!hash || (names.range && !range)) return undefined;
  return { pk: encodePartitionKey(hash), sk: range ? encodeKeyValue(range) : NO_SORT_KEY };
}

/** The item's place among index entries sharing one index key (its table key's hash, as DynamoDB orders them). */
export function itemOrder(table: TableRecord, item: Item): Buffer {
  const names = keyNames(table.keySchema);
  return tableKeyOrder(item[names.hash]!, names.range ? item[names.range] : undefined);
}

/** The key attributes of an item (what LastEvaluatedKey and KEYS_ONLY projections carry). */
export function keyAttributes(table: TableRecord, item: Item, index?: IndexRecord): Item {
  const out: Item = {};
  const schemas = index ? [table.keySchema, index.keySchema] : [table.keySchema];
  for (const schema of schemas) {
    for (const { AttributeName: name } of schema) if (item[name]) out[name] = item[name];
  }
  return out;
}
