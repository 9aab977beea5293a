import { AwsError } from '../../protocol/errors.ts';
import { type Item, itemSize } from './attribute-value.ts';

/** DynamoDB's errors, with AWS's codes and messages (JSON 1.0: the code is the `__type`). */
export const DynamoErrors = {
  validation: (message: string) => new AwsError('ValidationException', message, { status: 400 }),
  /** Data-plane calls on a missing table: AWS names no table. */
  resourceNotFound: () =>
    new AwsError('ResourceNotFoundException', 'Requested resource not found', { status: 400 }),
  /** Control-plane calls (DescribeTable, DeleteTable) name it. */
  tableNotFound: (name: string) =>
    new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`, {
      status: 400,
    }),
  tableExists: (name: string) =>
    new AwsError('ResourceInUseException', `Table already exists: ${name}`, { status: 400 }),
  /**
   * A failed condition still consumes write capacity, as AWS charges it: the existing item's size in
   * 1 KB units, at least one (`writeUnits`, read by the throughput meter; not part of the answer).
   */
  conditionalCheckFailed: (existing?: Item) =>
    Object.assign(
      new AwsError('ConditionalCheckFailedException', 'The conditional request failed', { status: 400 }),
      { writeUnits: Math.max(1, Math.ceil((existing ? itemSize(existing) : 0) / 1024)) },
    ),
  /** TransactWriteItems: reasons in request order, `None` for the items that did not fail. */
  transactionCanceled: (reasons: readonly { Code: string; Message?: string; Item?: unknown }[]) =>
    new AwsError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { status: 400, fields: { CancellationReasons: reasons } },
    ),
  idempotentParameterMismatch: () =>
    new AwsError(
      'IdempotentParameterMismatchException',
      'Request parameters do not match the idempotency token',
      { status: 400 },
    ),
  limitExceeded: (message: string) => new AwsError('LimitExceededException', message, { status: 400 }),
  resourceInUse: (message: string) => new AwsError('ResourceInUseException', message, { status: 400 }),
  /** TagResource/UntagResource/ListTagsOfResource on a missing table (AWS's own spelling). */
  resourceArnNotFound: (arn: string) =>
    new AwsError('ResourceNotFoundException', `Requested resource not found: ResourcArn: ${arn} not found`, {
      status: 400,
    }),
  provisionedThroughputExceeded: () =>
    new AwsError(
      'ProvisionedThroughputExceededException',
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      { status: 400 },
    ),
};
