import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import { type ResourceProvider, requestContext } from '../../../cloudformation/provider.ts';
import { AwsError, isAwsError } from '../../../protocol/errors.ts';
import type {
  AttributeDefinition,
  CreateTableInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  ProvisionedThroughput,
  StreamViewType,
  Tag,
} from '../../../protocol/models/types/dynamodb.ts';
import type { DynamoDbService } from '../index.ts';

interface TableProps {
  TableName?: string;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchemaElement[];
  BillingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughput?: ProvisionedThroughput;
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  StreamSpecification?: { StreamViewType: StreamViewType };
  TableClass?: CreateTableInput['TableClass'];
  Tags?: Tag[];
}

/**
 * AWS::DynamoDB::Table through the service's own CreateTable/DeleteTable. Ref is the table name
 * (generated as `<stack>-<LogicalId>-<RANDOM>` when the template sets none); attributes Arn and
 * StreamArn. Without UpdateTable yet, every property change replaces the table.
 */
export function dynamoDbTableProvider(service: DynamoDbService): ResourceProvider<TableProps> {
  return {
    replaceOn: ['TableName', 'KeySchema'],
    async create(props, ctx) {
      const name = props.TableName ?? generatePhysicalName(ctx, 255);
      const throughput = (t: ProvisionedThroughput | undefined) =>
        t && {
          ReadCapacityUnits: Number(t.ReadCapacityUnits),
          WriteCapacityUnits: Number(t.WriteCapacityUnits),
        };
      const input: CreateTableInput = {
        TableName: name,
        AttributeDefinitions: props.AttributeDefinitions,
        KeySchema: props.KeySchema,
        BillingMode: props.BillingMode,
        ProvisionedThroughput: throughput(props.ProvisionedThroughput),
        GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map((index) => ({
          ...index,
          ProvisionedThroughput: throughput(index.ProvisionedThroughput),
        })),
        LocalSecondaryIndexes: props.LocalSecondaryIndexes,
        StreamSpecification: props.StreamSpecification
          ? { StreamEnabled: true, StreamViewType: props.StreamSpecification.StreamViewType }
          : undefined,
        TableClass: props.TableClass,
        Tags: props.Tags,
      };
      let output: { TableDescription?: { TableArn?: string; LatestStreamArn?: string } };
      try {
        output = (await service.operations.CreateTable(
          input,
          requestContext(ctx, 'dynamodb', 'CreateTable'),
        )) as typeof output;
      } catch (error) {
        if (isAwsError(error) && error.code === 'ResourceInUseException') {
          throw new AwsError('AlreadyExists', `${name} already exists`);
        }
        throw error;
      }
      const description = output.TableDescription!;
      return {
        physicalId: name,
        attributes: { Arn: description.TableArn, StreamArn: description.LatestStreamArn },
      };
    },
    async delete(physicalId, _props, ctx) {
      try {
        await service.operations.DeleteTable(
          { TableName: physicalId },
          requestContext(ctx, 'dynamodb', 'DeleteTable'),
        );
      } catch (error) {
        if (!isAwsError(error) || error.code !== 'ResourceNotFoundException') throw error;
      }
    },
  };
}
