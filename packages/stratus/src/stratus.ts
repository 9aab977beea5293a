import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock } from './clock/clock.ts';
import type { ResourceProvider } from './cloudformation/provider.ts';
import { adminRoute } from './edge/admin.ts';
import { apiPreflightResponse, isApiPreflight, withApiCors } from './edge/api-cors.ts';
import { ServiceRouter } from './edge/router.ts';
import { DEFAULT_MAX_BODY_BYTES, Edge, type RequestHandler } from './edge/server.ts';
import { loadOrCreateTls, type TlsMaterial } from './edge/tls.ts';
import { CredentialStore } from './iam/credentials.ts';
import {
  DEFAULT_ROOT_CREDENTIALS,
  type IamEnforcement,
  type RootCredentials,
  Security,
} from './iam/security.ts';
import { type Logger, silentLogger } from './logger.ts';
import { Outbox } from './outbox/outbox.ts';
import { AwsError } from './protocol/errors.ts';
import type { HttpRequest, HttpResponse } from './protocol/http.ts';
import { encodeError, encodeResponse } from './protocol/index.ts';
import { ApiGatewayService } from './services/apigateway/index.ts';
import { CloudFormationService } from './services/cloudformation/index.ts';
import { CloudFrontService } from './services/cloudfront/index.ts';
import { CognitoIdentityService } from './services/cognito-identity/index.ts';
import { userPoolTokens } from './services/cognito-identity/user-pools.ts';
import { CognitoIdpService } from './services/cognito-idp/index.ts';
import { DaxService } from './services/dax/index.ts';
import { failureResponse, findOperation, runOperation } from './services/dispatch.ts';
import { DynamoDbService } from './services/dynamodb/index.ts';
import { DynamoDbStreamsService } from './services/dynamodbstreams/index.ts';
import { IamService } from './services/iam/index.ts';
import { LambdaService } from './services/lambda/index.ts';
import { LogsService } from './services/logs/index.ts';
import { S3Service } from './services/s3/index.ts';
import type { AwsService, RawRoute, RequestContext, RouteProbe, ServiceDeps } from './services/service.ts';
import { SsmService } from './services/ssm/index.ts';
import { StsService } from './services/sts/index.ts';
import { Storage } from './state/storage.ts';

export interface StratusOptions {
  /** Where state lives (default `.stratus` in the working directory). Ignored when ephemeral. */
  readonly dataDir?: string;
  /** Keep all state in memory; nothing survives `stop()`. */
  readonly ephemeral?: boolean;
  /** Address to bind (default 127.0.0.1, plus ::1 on the same port where available). */
  readonly host?: string;
  /** HTTP port (default 4566; 0 picks a free one). */
  readonly port?: number;
  /** HTTPS port (default 4443; 0 picks a free one; false serves HTTP only). */
  readonly httpsPort?: number | false;
  readonly accountId?: string;
  readonly defaultRegion?: string;
  /** Concurrent executions allowed across all functions of the account (AWS's default 1000). */
  readonly accountConcurrency?: number;
  readonly logger?: Logger;
  /** The root access key, always accepted and never evaluated (default `test`/`test`). */
  readonly rootCredentials?: RootCredentials;
  /** Which requests IAM policies are enforced on (default `roles`: temporary credentials). */
  readonly iamEnforce?: IamEnforcement;
  /** The first DAX cluster's port (default 8111; later clusters take the next free ones; 0 picks any). */
  readonly daxPort?: number;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

/** One local cloud: its state, its clock, its services and its front door. */
export class Stratus {
  readonly clock = new Clock();
  readonly storage: Storage;
  readonly accountId: string;
  readonly defaultRegion: string;
  readonly logger: Logger;
  readonly security: Security;
  readonly logs: LogsService;
  readonly lambda: LambdaService;
  readonly apigateway: ApiGatewayService;
  readonly iam: IamService;
  readonly ssm: SsmService;
  readonly dynamodb: DynamoDbService;
  readonly dynamodbStreams: DynamoDbStreamsService;
  readonly dax: DaxService;
  readonly s3: S3Service;
  readonly cloudfront: CloudFrontService;
  readonly cloudformation: CloudFormationService;
  /** Where the emails and text messages AWS would send are delivered (GET /_stratus/outbox). */
  readonly outbox: Outbox;
  readonly cognitoIdp: CognitoIdpService;
  readonly cognitoIdentity: CognitoIdentityService;
  readonly sts: StsService;
  readonly services: readonly AwsService[];
  tls: TlsMaterial | undefined;
  readonly #options: StratusOptions;
  readonly #edge: Edge;
  readonly #router: ServiceRouter;
  readonly #routes: readonly RawRoute[];

  private constructor(options: StratusOptions) {
    this.#options = options;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.defaultRegion = options.defaultRegion ?? DEFAULT_REGION;
    this.logger = options.logger ?? silentLogger;
    this.storage = new Storage(
      options.ephemeral ? { ephemeral: true } : { dir: resolve(options.dataDir ?? '.stratus') },
    );
    this.security = new Security({
      clock: this.clock,
      accountId: this.accountId,
      logger: this.logger,
      credentials: new CredentialStore(this.storage, this.clock),
      root: options.rootCredentials ?? DEFAULT_ROOT_CREDENTIALS,
      enforcement: options.iamEnforce ?? 'roles',
      // IAM is created below; these run per request, once it exists.
      identityPolicies: (principal) => this.iam.identityPolicies(principal),
      principalDetails: (principal) => this.iam.principalDetails(principal),
      userAccessKey: (accessKeyId) => this.iam.userAccessKey(accessKeyId),
    });
    const deps: ServiceDeps = {
      storage: this.storage,
      clock: this.clock,
      accountId: this.accountId,
      logger: this.logger,
      endpoint: () => this.endpoint,
      security: this.security,
    };
    this.logs = new LogsService(deps);
    this.iam = new IamService(deps);
    this.ssm = new SsmService(deps);
    this.dynamodb = new DynamoDbService(deps);
    this.dynamodbStreams = new DynamoDbStreamsService({ ...deps, log: this.dynamodb.store.streams });
    this.dax = new DaxService({
      ...deps,
      dynamodb: this.dynamodb,
      basePort: options.daxPort,
      tls: () => this.tls,
    });
    this.lambda = new LambdaService({
      ...deps,
      logs: this.logs,
      iam: this.iam,
      accountConcurrency: options.accountConcurrency ?? 1000,
      trustedCa: () => this.#caCertificate(),
    });
    this.apigateway = new ApiGatewayService({
      ...deps,
      lambda: this.lambda.invoker,
      userPools: () => this.cognitoIdp,
    });
    this.cloudformation = new CloudFormationService({
      ...deps,
      providers: () => this.#providers(),
      ssm: this.ssm,
      defaultRegion: this.defaultRegion,
    });
    this.s3 = new S3Service({
      ...deps,
      lambda: this.lambda.invoker,
      defaultRegion: this.defaultRegion,
      invalidateDistribution: (ctx, id, paths) => this.cloudfront.invalidate(ctx, id, paths),
    });
    this.cloudfront = new CloudFrontService({
      ...deps,
      s3: () => this.s3,
      ports: () => ({ http: this.#edge.httpPort, https: this.#edge.httpsPort }),
      defaultRegion: this.defaultRegion,
    });
    this.outbox = new Outbox(this.storage, this.clock);
    this.cognitoIdp = new CognitoIdpService({ ...deps, outbox: this.outbox });
    this.cognitoIdentity = new CognitoIdentityService({
      ...deps,
      userPools: userPoolTokens(this.cognitoIdp),
      trustPolicy: (roleArn) => this.iam.getRole(roleArn)?.assumeRolePolicyDocument,
    });
    this.sts = new StsService({
      ...deps,
      iam: this.iam,
      webIdentity: (token) => this.cognitoIdentity.openIdTokenClaims(token),
    });
    this.services = [
      this.logs,
      this.iam,
      this.ssm,
      this.dynamodb,
      this.dynamodbStreams,
      this.dax,
      this.s3,
      this.cloudfront,
      this.lambda,
      this.apigateway,
      this.cloudformation,
      this.cognitoIdp,
      this.cognitoIdentity,
      this.sts,
    ];
    this.#router = new ServiceRouter(this.services);
    // S3 answers last: at a real S3 endpoint every request no other service claims is S3's.
    const s3Last = [...this.services.filter((s) => s !== this.s3), this.s3];
    // CloudFront's path-style viewer URLs (`/_stratus/cloudfront/…`) come before the admin API's `/_stratus/`.
    this.#routes = [
      ...this.cloudfront.routes,
      adminRoute(this),
      ...s3Last.filter((s) => s !== this.cloudfront).flatMap((s) => s.routes ?? []),
    ];
    this.#edge = new Edge({
      host: options.host ?? '127.0.0.1',
      httpPort: options.port ?? 4566,
      httpsPort: options.httpsPort === false ? undefined : (options.httpsPort ?? 4443),
      clock: this.clock,
      handler: this.#requestHandler(),
      onError: (error) => this.logger.error('unexpected error while serving a request', error),
    });
  }

  /** Creates an instance, starts its services and opens its ports. */
  static async start(options: StratusOptions = {}): Promise<Stratus> {
    const stratus = new Stratus(options);
    try {
      if (options.httpsPort !== false) {
        stratus.tls = await loadOrCreateTls(join(stratus.storage.root, 'tls'));
      }
      await stratus.#edge.listen(stratus.tls);
      for (const service of stratus.services) await service.start?.();
    } catch (error) {
      await stratus.stop();
      throw error;
    }
    return stratus;
  }

  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL should be. */
  get endpoint(): string {
    return `http://${this.#hostForUrls()}:${this.#edge.httpPort}`;
  }

  get httpsEndpoint(): string | undefined {
    return this.#edge.httpsPort === undefined ? undefined : `https://localhost:${this.#edge.httpsPort}`;
  }

  get port(): number {
    return this.#edge.httpPort;
  }

  /** Stops services (their workers and timers), closes ports and databases. */
  async stop(): Promise<void> {
    await this.#edge.close();
    for (const service of [...this.services].reverse()) {
      try {
        await service.stop?.();
      } catch (error) {
        this.logger.error(`stopping ${service.name} failed`, error);
      }
    }
    this.clock.cancelAll();
    this.storage.close();
  }

  /** Runs one of a service's operations in-process, as an SDK call would (for the CLI and admin API). */
  async call<T = Record<string, unknown>>(
    service: AwsService,
    operation: string,
    input: Record<string, unknown> = {},
    region = this.defaultRegion,
  ): Promise<T> {
    const run = findOperation(service, operation);
    const ctx: RequestContext = {
      requestId: randomUUID(),
      region,
      accountId: this.accountId,
      service: service.name,
      operation,
    };
    return (await run(input, ctx)) as T;
  }

  #caPem: string | undefined;
  /** The local CA's certificate (PEM), read once, when Stratus serves TLS. */
  #caCertificate(): string | undefined {
    if (!this.tls) return undefined;
    this.#caPem ??= readFileSync(this.tls.caFile, 'utf8');
    return this.#caPem;
  }

  #hostForUrls(): string {
    const host = this.#options.host ?? '127.0.0.1';
    return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  }

  #providers(): ReadonlyMap<string, ResourceProvider> {
    const providers = new Map<string, ResourceProvider>();
    for (const service of this.services) {
      for (const [type, provider] of Object.entries(service.providers ?? {})) providers.set(type, provider);
    }
    return providers;
  }

  #requestHandler(): RequestHandler {
    return {
      // Each request's route is matched once, from its request line and headers.
      plan: (probe: RouteProbe) => {
        const route = this.#routes.find((r) => r.match(probe));
        return {
          maxBytes: route?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          stream: route?.streamBody ?? false,
          tooLarge: route?.tooLarge?.bind(route),
          // Not async: a route's promise is handed on as it is (an async function returning a promise
          // costs two more turns of the microtask queue on every request).
          handle: (req: HttpRequest) => {
            if (isApiPreflight(req)) return Promise.resolve(apiPreflightResponse(req));
            if (route) return route.handle(req);
            return this.#dispatchAws(req).then((response) => withApiCors(req, response));
          },
        };
      },
    };
  }

  /** Decodes an AWS API call, runs the operation and encodes its answer or its error. */
  async #dispatchAws(req: HttpRequest): Promise<HttpResponse> {
    const service = this.#router.route(req);
    const requestId = service?.newRequestId?.() ?? randomUUID();
    if (!service) {
      const claimed = this.#router.claimedService(req);
      const error = new AwsError(
        'UnknownServiceException',
        claimed
          ? `Stratus does not serve the '${claimed}' service.`
          : 'The request names no AWS service: sign it with SigV4 or send an X-Amz-Target header.',
        { status: 400 },
      );
      return encodeError(undefined, error, { requestId, request: req });
    }
    try {
      const options = {
        requestId,
        accountId: this.accountId,
        region: this.defaultRegion,
        security: this.security,
      };
      const { operation, output } = await runOperation(service, req, options);
      return encodeResponse(service.model, operation, output ?? {}, { requestId, request: req });
    } catch (error) {
      return failureResponse(service, error, { requestId, request: req, logger: this.logger });
    }
  }
}
