import type { Clock } from '../../clock/clock.ts';
import type { Logger } from '../../logger.ts';
import type { NotificationConfiguration } from '../../protocol/models/types/s3.ts';
import type { RequestContext } from '../service.ts';
import type { BucketConfigStore } from './bucket-config.ts';
import { matchesEvent, type TargetConfiguration, targetsOf } from './notifications-config.ts';
import { type EventRequest, eventRecord, type ObjectEvent } from './notifications-record.ts';
import type { EventSource, NotificationDestinations } from './notifications-targets.ts';
import { newRequestId } from './request-ids.ts';
import type { S3Store } from './store.ts';

export type CreatedEvent = 'Put' | 'Post' | 'Copy' | 'CompleteMultipartUpload';
export type RemovedEvent = 'Delete' | 'DeleteMarkerCreated';
export type LifecycleEvent =
  | 'LifecycleExpiration:Delete'
  | 'LifecycleExpiration:DeleteMarkerCreated'
  | 'LifecycleTransition';

/** The object an event is about: what the write committed, or the key (and version) it removed. */
export interface EventObject {
  readonly bucket: string;
  readonly key: string;
  readonly size?: number;
  readonly etag?: string;
  readonly versionId?: string;
}

/**
 * S3's event notifications. The write and delete paths call `objectCreated`/`objectRemoved`
 * once their change is committed; matching configurations get their record later, in order,
 * off the request's path, as S3 delivers them (asynchronously, at least once).
 */
export class S3Events {
  readonly destinations: NotificationDestinations;
  readonly #state: () => { readonly configs: BucketConfigStore; readonly store: S3Store };
  readonly #clock: Clock;
  readonly #logger: Logger;
  #sequence = 0;
  #tail: Promise<void> = Promise.resolve();

  constructor(deps: {
    /** The service's stores (read when an event happens). */
    state: () => { readonly configs: BucketConfigStore; readonly store: S3Store };
    clock: Clock;
    logger: Logger;
    destinations: NotificationDestinations;
  }) {
    this.#state = deps.state;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.destinations = deps.destinations;
  }

  objectCreated(ctx: RequestContext, kind: CreatedEvent, object: EventObject): void {
    this.#publish(requestOf(ctx), { ...object, name: `ObjectCreated:${kind}` });
  }

  objectRemoved(ctx: RequestContext, kind: RemovedEvent, object: EventObject): void {
    const { size: _size, etag: _etag, ...removed } = object;
    this.#publish(requestOf(ctx), { ...removed, name: `ObjectRemoved:${kind}` });
  }

  /** What a lifecycle rule did: S3 itself is the actor. Expirations name the key (and version), transitions the new class too. */
  lifecycle(kind: LifecycleEvent, object: EventObject & { destinationStorageClass?: string }): void {
    const { size, etag, ...rest } = object;
    const event = kind === 'LifecycleTransition' ? { ...rest, size, etag } : rest;
    this.#publish(
      { requestId: newRequestId(), sourceIp: 's3.amazonaws.com', lifecycle: true },
      { ...event, name: kind },
    );
  }

  /** The `s3:TestEvent` S3 sends each SQS and SNS destination when a configuration is set. */
  testEvent(ctx: RequestContext, bucket: string, config: NotificationConfiguration): void {
    const source = this.#source(bucket);
    if (!source) return;
    const message = JSON.stringify({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: this.#clock.date().toISOString(),
      Bucket: bucket,
      RequestId: ctx.requestId,
      HostId: 'stratus',
    });
    for (const target of targetsOf(config).filter((t) => t.kind !== 'lambda')) {
      this.#enqueue(target, message, source.source);
    }
  }

  /** Resolves once every event published so far has been handed to its destination. */
  idle(): Promise<void> {
    return this.#tail;
  }

  #publish(request: EventRequest, event: ObjectEvent): void {
    const config = this.#state().configs.get<NotificationConfiguration>(event.bucket, 'notification');
    if (!config) return;
    const matching = targetsOf(config).filter((target) => matches(target, event));
    if (matching.length === 0) return;
    const found = this.#source(event.bucket);
    if (!found) return;
    const time = this.#clock.now();
    const sequencer = this.#sequencer(time);
    for (const target of matching) {
      const record = eventRecord(event, request, {
        region: found.region,
        account: found.source.account,
        time,
        sequencer,
        configurationId: target.id,
      });
      this.#enqueue(target, JSON.stringify({ Records: [record] }), found.source);
    }
  }

  #enqueue(target: TargetConfiguration, message: string, source: EventSource): void {
    const destination = this.destinations[target.kind];
    this.#tail = this.#tail.then(async () => {
      try {
        if (!destination) throw new Error(`no ${target.kind} destination is served`);
        await destination.send(target.arn, message, source);
      } catch (error) {
        this.#logger.error(`s3: event notification to ${target.arn} failed`, error);
      }
    });
  }

  #source(bucket: string): { source: EventSource; region: string } | undefined {
    const record = this.#state().store.bucket(bucket);
    if (!record) return undefined;
    return {
      source: { bucketArn: `arn:aws:s3:::${bucket}`, account: record.account },
      region: record.region,
    };
  }

  /** Increasing per instance: later events of a key carry greater sequencers, as S3 promises. */
  #sequencer(time: number): string {
    this.#sequence = (this.#sequence + 1) % 0x1000000;
    const hex = (n: number, digits: number) => n.toString(16).toUpperCase().padStart(digits, '0');
    return `${hex(time, 12)}${hex(this.#sequence, 6)}`;
  }
}

function matches(target: TargetConfiguration, event: ObjectEvent): boolean {
  return (
    target.events.some((configured) => matchesEvent(configured, `s3:${event.name}`)) &&
    event.key.startsWith(target.prefix) &&
    event.key.endsWith(target.suffix)
  );
}

function requestOf(ctx: RequestContext): EventRequest {
  return {
    requestId: ctx.requestId,
    principal: ctx.principal,
    sourceIp: (ctx.request?.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
  };
}
