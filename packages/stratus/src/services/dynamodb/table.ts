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
  readonly stream?: StreamSpecification;
  readonly tableClass?: string;
  readonly tags: Tag[];
}

/** The key attributes of a table or index: hash, then range if any. */
export interface KeyNames {
  readonly hash: string;
  readonly range?: string;
}

export function keyNames(keySchema: readonly KeySchemaElement[]): KeyNames {
  const hash = keySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const range = keySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return { hash, range };
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
      LastUpdateToPayPerRequestDateTime: new Date(table.createdAt),
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
      IndexStatus: status === 'CREATING' ? 'CREATING' : 'ACTIVE',
      ProvisionedThroughput: throughput(index.throughput),
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${table.arn}/index/${index.name}`,
    }));
  }
  if (table.stream?.StreamEnabled) {
    const label = new Date(table.createdAt).toISOString().replace('Z', '');
    description.StreamSpecification = table.stream;
    description.LatestStreamLabel = label;
    description.LatestStreamArn = `${table.arn}/stream/${label}`;
  }
  if (table.tableClass && table.tableClass !== 'STANDARD') {
    description.TableClassSummary = { TableClass: table.tableClass as 'STANDARD_INFREQUENT_ACCESS' };
  }
  return description;
}
