import type { ResourceProvider } from '../cloudformation/provider.ts';
import type { AccessRequest } from '../iam/policy/types.ts';
import type { Principal } from '../iam/principal.ts';
import type { HttpRequest, HttpResponse } from '../protocol/http.ts';
import type { ServiceModel } from '../protocol/model.ts';

/** What an operation knows about the request beyond its input. */
export interface RequestContext {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  /** The signing name of the service, e.g. `lambda`. */
  readonly service: string;
  readonly operation: string;
  /** The access key that signed the request, when it was signed. */
  readonly accessKeyId?: string;
  /** Who made the request, as its signature proved (absent for in-process calls by Stratus itself). */
  readonly principal?: Principal;
  /** The request as received; operations rarely need it (streaming bodies, source address). */
  readonly request?: HttpRequest;
}

/** One AWS operation: validated input in, output shape out, or a thrown AwsError. */
export type Operation = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** Turns operations written as `(core, input, ctx)` into Operations that share one core. */
export function operationBinder<C>(
  core: C,
): <I>(operation: (core: C, input: I, ctx: RequestContext) => unknown) => Operation {
  return (operation) => (input, ctx) => operation(core, input, ctx);
}

/** What the edge knows of a request before reading its body: enough to pick a route. */
export interface RouteProbe {
  readonly method: string;
  readonly rawPath: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly hostname: string;
  readonly headers: HttpRequest['headers'];
}

/** A non-AWS-protocol entry point of a service: an API's invoke URL, a website endpoint. */
export interface RawRoute {
  readonly name: string;
  match(probe: RouteProbe): boolean;
  handle(req: HttpRequest): Promise<HttpResponse>;
  /** Bodies larger than this are refused before the handler runs (default 20 MB). */
  readonly maxBodyBytes?: number;
  /** The response for a body over the limit (default: the edge's generic 413). */
  tooLarge?(): HttpResponse;
  /** Hand the handler the unread stream instead of a buffered body. */
  readonly streamBody?: boolean;
}

/** A service as the instance registers it. */
export interface AwsService {
  /** The SigV4 signing name, e.g. `lambda`, `logs`, `cloudformation`. */
  readonly name: string;
  /** AWS's model of the service: operations, shapes, protocol. */
  readonly model: ServiceModel;
  /** Implemented operations by name; an operation of the model missing here answers 501. */
  readonly operations: Readonly<Record<string, Operation>>;
  /** Entry points outside the AWS protocol (matched before protocol routing). */
  readonly routes?: readonly RawRoute[];
  /** CloudFormation resource providers by resource type. */
  readonly providers?: Readonly<Record<string, ResourceProvider>>;
  /**
   * What an operation asks IAM for: actions on resource ARNs with their condition keys and the
   * resource's own policy. Without it, an operation is `<prefix>:<Operation>` on `*`.
   */
  authorize?(operation: string, input: any, ctx: RequestContext): readonly AccessRequest[];
  /** The service's own form of request id (`x-amzn-RequestId`), where it is not a UUID. */
  newRequestId?(): string;
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/** What every service is built from: the instance's state, clock and identity. */
export interface ServiceDeps {
  readonly storage: import('../state/storage.ts').Storage;
  readonly clock: import('../clock/clock.ts').Clock;
  readonly accountId: string;
  readonly logger: import('../logger.ts').Logger;
  /** The edge's HTTP endpoint, e.g. `http://127.0.0.1:4566` (known once the edge listens). */
  readonly endpoint: () => string;
  /** SigV4 authentication, IAM authorization and the temporary credentials STS has issued. */
  readonly security: import('../iam/security.ts').Security;
}
