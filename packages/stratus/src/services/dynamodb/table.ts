/** A table as Stratus keeps it, and the TableDescription AWS answers with. */
import type {
  AttributeDefinition,
  KeySchemaElement,
  Projection,
  ScalarAttributeType,
  StreamSpecification,
  TableDescription,
  TableStatus,
  Tag,
} from '../../protocol/models/types/dynamodb.ts';

export interface Throughput {
  readonly read: number;
  readonly write: number;
}

export interface IndexRecord {
  readonly name: string;
  readonly keySchema: KeySchemaElement[];
  readonly projection: Projection;
  /** Provisioned tables' GSIs only. */
  readonly throughput?: Throughput;
}

export interface TableRecord {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly status: TableStatus;
  readonly createdAt: number;
  readonly attributeDefinitions: AttributeDefinition[];
  readonly keySchema: KeySchemaElement[];
  readonly billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readonly throughput: Throughput;
  readonly globalIndexes: IndexRecord[];
  readonly localIndexes: IndexRecord[];
  /** Present while a stream is enabled. */
  readonly stream?: StreamSpecification;
  /** The label (creation time) of the latest stream, kept after it is disabled, as AWS does. */
  readonly streamLabel?: string;
  /** The TTL attribute while Time to Live is enabled. */
  readonly ttlAttribute?: string;
  /** When the billing mode last became PAY_PER_REQUEST. */
  readonly payPerRequestSince?: number;
  readonly tableClass?: string;
  readonly tags: Tag[];
  /** A global table's replica regions (this one included); writes replicate among them. */
  readonly replicas?: string[];
}

/** A stream label is the ISO time its stream was enabled, without the zone (`2026-11-23T11:18:47.123`). */
export function streamLabel(at: number): string {
  return new Date(at).toISOString().replace('Z', '');
}

export function latestStreamArn(table: TableRecord): string | undefined {
  return table.streamLabel ? `${table.arn}/stream/${table.streamLabel}` : undefined;
}

/** The key attributes of a table or index: hash, then range if any. */
export interface KeyNames {
  readonly hash: string;
  readonly range?: string;
}

/** keyNames by key schema: a table's record, and so its schema, lives as long as it is current. */
const keyNamesOf = new WeakMap<readonly KeySchemaElement[], KeyNames>();

export function keyNames(keySchema: readonly KeySchemaElement[]): KeyNames {
  let names = keyNamesOf.get(keySchema);
  if (!names) {
    const hash = keySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
    const range = keySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    names = { hash, range };
    keyNamesOf.set(keySchema, names);
  }
  return names;
}

export function attributeType(table: TableRecord, name: string): ScalarAttributeType {
  return table.attributeDefinitions.find((d) => d.AttributeName === name)!.AttributeType;
}

export function findIndex(
  table: TableRecord,
  name: string,
): { index: IndexRecord; global: boolean } | undefined {
  const global = table.globalIndexes.find((i) => i.name === name);
  if (global) return { index: global, global: true };
  const local = table.localIndexes.find((i) => i.name === name);
  return local ? { index: local, global: false } : undefined;
}

export function tableArn(region: string, account: string, name: string): string {
  return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
}

export interface TableStats {
  readonly itemCount: number;
  readonly sizeBytes: number;
}

/** DescribeTable's view of a table; index sizes and counts are the table's own for now. */
export function describeTable(
  table: TableRecord,
  stats: TableStats,
  status = table.status,
  /** A GSI UpdateTable has just added: CREATING and backfilling in this one answer. */
  creatingIndex?: string,
): TableDescription {
  const throughput = (t: Throughput | undefined) => ({
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: t?.read ?? 0,
    WriteCapacityUnits: t?.write ?? 0,
  });
  const description: TableDescription = {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: table.keySchema,
    TableStatus: status,
    CreationDateTime: new Date(table.createdAt),
    ProvisionedThroughput: throughput(table.throughput),
    TableSizeBytes: stats.sizeBytes,
    ItemCount: stats.itemCount,
    TableArn: table.arn,
    TableId: table.id,
  };
  if (table.billingMode === 'PAY_PER_REQUEST') {
    description.BillingModeSummary = {
      BillingMode: 'PAY_PER_REQUEST',
      LastUpdateToPayPerRequestDateTime: new Date(table.payPerRequestSince ?? table.createdAt),
    };
  }
  if (table.localIndexes.length > 0) {
    description.LocalSecondaryIndexes = table.localIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: index.keySchema,
      Projection: index.projection,
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${table.arn}/index/${index.name}`,
    }));
  }
  if (table.globalIndexes.length > 0) {
    description.GlobalSecondaryIndexes = table.globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: index.keySchema,
      Projection: index.projection,
      IndexStatus: status === 'CREATING' || index.name === creatingIndex ? 'CREATING' : 'ACTIVE',
      ...(index.name === creatingIndex ? { Backfilling: true } : {}),
      ProvisionedThroughput: throughput(index.throughput),
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${table.arn}/index/${index.name}`,
    }));
  }
  if (table.stream?.StreamEnabled) description.StreamSpecification = table.stream;
  if (table.streamLabel) {
    description.LatestStreamLabel = table.streamLabel;
    description.LatestStreamArn = latestStreamArn(table);
  }
  if (table.tableClass && table.tableClass !== 'STANDARD') {
    description.TableClassSummary = { TableClass: table.tableClass as 'STANDARD_INFREQUENT_ACCESS' };
  }
  return description;
}
