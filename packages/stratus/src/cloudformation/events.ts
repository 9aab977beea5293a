import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock.ts';
import type { StackStore } from '../services/cloudformation/store.ts';

/** A step of a deploy, as `stratus dev` prints it and DescribeStackEvents lists it. */
export interface DeployEvent {
  readonly stackName: string;
  readonly stackId: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly physicalId?: string;
  readonly reason?: string;
  readonly timestamp: Date;
}

export type DeployEventListener = (event: DeployEvent) => void;

/** Records a stack's events in the store and hands each to the listener. */
export class EventRecorder {
  readonly #store: StackStore;
  readonly #clock: Clock;
  readonly #stack: { readonly stackId: string; readonly stackName: string };
  readonly #listener: DeployEventListener | undefined;

  constructor(
    store: StackStore,
    clock: Clock,
    stack: { readonly stackId: string; readonly stackName: string },
    listener?: DeployEventListener,
  ) {
    this.#store = store;
    this.#clock = clock;
    this.#stack = stack;
    this.#listener = listener;
  }

  /** An event of the stack itself (`AWS::CloudFormation::Stack`). */
  stack(status: string, reason?: string): void {
    this.resource(this.#stack.stackName, 'AWS::CloudFormation::Stack', status, {
      physicalId: this.#stack.stackId,
      reason,
    });
  }

  resource(
    logicalId: string,
    type: string,
    status: string,
    details: { physicalId?: string; reason?: string; properties?: unknown } = {},
  ): void {
    const timestamp = this.#clock.now();
    this.#store.addEvent({
      stackId: this.#stack.stackId,
      stackName: this.#stack.stackName,
      eventId: randomUUID(),
      logicalId,
      physicalId: details.physicalId,
      type,
      status,
      reason: details.reason,
      properties: details.properties === undefined ? undefined : JSON.stringify(details.properties),
      timestamp,
    });
    try {
      this.#listener?.({
        stackName: this.#stack.stackName,
        stackId: this.#stack.stackId,
        logicalId,
        resourceType: type,
        status,
        physicalId: details.physicalId,
        reason: details.reason,
        timestamp: new Date(timestamp),
      });
    } catch {
      // A listener's failure (a closed terminal) must not break the deploy.
    }
  }
}
