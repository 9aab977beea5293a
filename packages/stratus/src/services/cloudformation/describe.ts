import { maskNoEcho } from '../../cloudformation/parameters.ts';
import type {
  ResourceStatus,
  Stack,
  StackEvent,
  StackResource,
  StackResourceDetail,
  StackResourceSummary,
  StackStatus,
  StackSummary,
} from '../../protocol/models/types/cloudformation.ts';
import type { EventRecord, ResourceRecord, StackRecord } from './store.ts';

/** The stores' records in the shapes of CloudFormation's API. */
export function stackShape(stack: StackRecord): Stack {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: stack.description,
    Parameters: maskNoEcho(stack.template, stack.parameters),
    CreationTime: new Date(stack.createdAt),
    LastUpdatedTime: stack.updatedAt === undefined ? undefined : new Date(stack.updatedAt),
    DeletionTime: stack.deletedAt === undefined ? undefined : new Date(stack.deletedAt),
    RollbackConfiguration: {},
    StackStatus: stack.status as StackStatus,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: [],
    Capabilities: stack.capabilities as Stack['Capabilities'],
    Outputs: stack.outputs.length ? [...stack.outputs] : undefined,
    Tags: [...stack.tags],
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function stackSummaryShape(stack: StackRecord): StackSummary {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    TemplateDescription: stack.description,
    CreationTime: new Date(stack.createdAt),
    LastUpdatedTime: stack.updatedAt === undefined ? undefined : new Date(stack.updatedAt),
    DeletionTime: stack.deletedAt === undefined ? undefined : new Date(stack.deletedAt),
    StackStatus: stack.status as StackStatus,
    StackStatusReason: stack.statusReason,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function stackResourceShape(stack: StackRecord, resource: ResourceRecord): StackResource {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: new Date(resource.updatedAt),
    ResourceStatus: resource.status as ResourceStatus,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function resourceSummaryShape(resource: ResourceRecord): StackResourceSummary {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    LastUpdatedTimestamp: new Date(resource.updatedAt),
    ResourceStatus: resource.status as ResourceStatus,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function resourceDetailShape(stack: StackRecord, resource: ResourceRecord): StackResourceDetail {
  return {
    ...resourceSummaryShape(resource),
    StackName: stack.stackName,
    StackId: stack.stackId,
    Metadata: resource.metadata === undefined ? undefined : JSON.stringify(resource.metadata),
  };
}

export function stackEventShape(event: EventRecord): StackEvent {
  return {
    StackId: event.stackId,
    EventId: event.eventId,
    StackName: event.stackName,
    LogicalResourceId: event.logicalId,
    PhysicalResourceId: event.physicalId,
    ResourceType: event.type,
    Timestamp: new Date(event.timestamp),
    ResourceStatus: event.status as ResourceStatus,
    ResourceStatusReason: event.reason,
    ResourceProperties: event.properties,
  };
}
