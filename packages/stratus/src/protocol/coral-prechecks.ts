/**
 * Checks some Coral frontends make before the model's constraint list, and members they leave to the
 * service. DynamoDB's control plane reports a missing or badly sized TableName on its own, with its own
 * words; its tagging operations check ResourceArn (an IAM-shaped refusal first) in the service.
 */
import type { CompiledModel } from './compiled.ts';
import { validationError } from './conventions.ts';

const TABLE_NAME_FIRST = new Set([
  'CreateTable',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'UpdateTable',
]);

/** Members the model's validation skips because the service validates them in AWS's order. */
const LEFT_TO_SERVICE: Record<string, Record<string, readonly string[]>> = {
  DynamoDB: {
    TagResource: ['ResourceArn', 'Tags'],
    UntagResource: ['ResourceArn', 'TagKeys'],
    ListTagsOfResource: ['ResourceArn'],
  },
  // Object Lock's values: S3 answers MalformedXML (bodies) or its own InvalidArgument (headers).
  S3: {
    PutObjectRetention: ['Retention'],
    PutObjectLegalHold: ['LegalHold'],
    PutObjectLockConfiguration: ['ObjectLockConfiguration'],
    PutObject: ['ObjectLockMode', 'ObjectLockLegalHoldStatus'],
    CopyObject: ['ObjectLockMode', 'ObjectLockLegalHoldStatus'],
    CreateMultipartUpload: ['ObjectLockMode', 'ObjectLockLegalHoldStatus'],
  },
};

/** Throws the error the frontend answers before it lists constraint violations, if any. */
export function precheck(c: CompiledModel, operation: string, input: Record<string, unknown>): void {
  if (c.serviceId !== 'DynamoDB' || !TABLE_NAME_FIRST.has(operation)) return;
  const name = input.TableName;
  if (name === undefined || name === null)
    throw validationError(c, "The parameter 'TableName' is required but was not present in the request");
  if (typeof name === 'string' && (name.length < 3 || name.length > 255))
    throw validationError(c, 'TableName must be at least 3 characters long and at most 255 characters long');
}

/**
 * DynamoDB's frontend refuses a request without a body (the SDKs always send at least `{}`) with a
 * bare SerializationException; other JSON services read it as `{}`.
 */
export function refusesEmptyBody(c: CompiledModel): boolean {
  return c.serviceId === 'DynamoDB';
}

/** The top-level members the model's validation leaves to the service. */
export function leftToService(c: CompiledModel, operation: string): readonly string[] {
  return LEFT_TO_SERVICE[c.serviceId]?.[operation] ?? [];
}

/** Enum sets a frontend prints in another order than the model's (DynamoDB prints its Java sets' order). */
const ENUM_LISTING: Record<string, Record<string, string>> = {
  DynamoDB: {
    ScalarAttributeType: 'B, N, S',
    ReturnValue: 'ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW',
    Select: 'SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES',
    ProjectionType: 'ALL, INCLUDE, KEYS_ONLY',
    ConditionalOperator: 'OR, AND',
    ComparisonOperator:
      'IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS',
  },
};

export function enumListing(c: CompiledModel, shapeName: string, values: readonly string[]): string {
  return ENUM_LISTING[c.serviceId]?.[shapeName] ?? values.join(', ');
}

/**
 * The order a frontend checks an input's members in, where it is not the model's (Coral walks its
 * own member map; with more than ten violations, the order decides which ten are reported). The
 * members not named keep the model's order, after these.
 */
const MEMBER_ORDER: Record<string, Record<string, readonly string[]>> = {
  DynamoDB: {
    BatchGetItemInput: ['ReturnConsumedCapacity', 'RequestItems'],
    BatchWriteItemInput: ['ReturnConsumedCapacity', 'ReturnItemCollectionMetrics', 'RequestItems'],
    DeleteItemInput: [
      'ReturnConsumedCapacity',
      'TableName',
      'ReturnValues',
      'ReturnItemCollectionMetrics',
      'Key',
    ],
    GetItemInput: ['ReturnConsumedCapacity', 'AttributesToGet', 'TableName', 'Key'],
    PutItemInput: [
      'ReturnConsumedCapacity',
      'TableName',
      'Item',
      'ConditionalOperator',
      'Expected',
      'ReturnValues',
    ],
    QueryInput: [
      'Select',
      'IndexName',
      'ReturnConsumedCapacity',
      'QueryFilter',
      'TableName',
      'ConditionalOperator',
      'AttributesToGet',
      'Limit',
      'KeyConditions',
    ],
    ScanInput: [
      'Select',
      'IndexName',
      'TotalSegments',
      'ReturnConsumedCapacity',
      'TableName',
      'ConditionalOperator',
      'ScanFilter',
      'Segment',
      'Limit',
      'AttributesToGet',
    ],
    UpdateItemInput: [
      'ReturnConsumedCapacity',
      'TableName',
      'ReturnItemCollectionMetrics',
      'ReturnValues',
      'Key',
      'ConditionalOperator',
      'Expected',
      'AttributeUpdates',
    ],
  },
};

export function memberOrder<T>(c: CompiledModel, shapeName: string, members: [string, T][]): [string, T][] {
  const order = MEMBER_ORDER[c.serviceId]?.[shapeName];
  if (!order) return members;
  const rank = (name: string) => {
    const at = order.indexOf(name);
    return at < 0 ? order.length : at;
  };
  return [...members].sort(([a], [b]) => rank(a) - rank(b));
}
