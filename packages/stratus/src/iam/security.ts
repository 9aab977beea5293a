import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import type { HttpRequest } from '../protocol/http.ts';
import type { ServiceModel } from '../protocol/model.ts';
import type { AwsService, RequestContext } from '../services/service.ts';
import { AccessControl } from './access.ts';
import type { CredentialStore } from './credentials.ts';
import type { AccessRequest, PolicyDocument } from './policy/types.ts';
import type { Principal } from './principal.ts';
import { SigV4Authenticator } from './sigv4/authenticator.ts';

/**
 * Which requests are evaluated against IAM policies: `roles` (the default) evaluates requests
 * signed with temporary credentials issued by STS (assumed roles, identity pools, Lambda
 * execution roles); `all` also those of IAM users; `off` none. The root credential is never
 * evaluated, as on AWS.
 */
export type IamEnforcement = 'off' | 'roles' | 'all';

/** The account's root access key: always accepted, never evaluated (default `test`/`test`). */
export interface RootCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export const DEFAULT_ROOT_CREDENTIALS: RootCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface SecurityDeps {
  readonly clock: Clock;
  readonly accountId: string;
  readonly logger: Logger;
  readonly credentials: CredentialStore;
  readonly root: RootCredentials;
  readonly enforcement: IamEnforcement;
  /** An IAM user's access key: its secret and the user it authenticates as (IAM CreateAccessKey). */
  readonly userAccessKey?: (
    accessKeyId: string,
  ) => { readonly secretAccessKey: string; readonly principal: Principal } | undefined;
  /** The identity policies that apply to a principal (a role's inline and attached managed policies). */
  readonly identityPolicies: (principal: Principal) => readonly PolicyDocument[];
  /** A principal's permissions boundary and tags (`aws:PrincipalTag/…`), when it has them. */
  readonly principalDetails?: (principal: Principal) => PrincipalDetails;
}

export interface PrincipalDetails {
  readonly permissionsBoundary?: PolicyDocument;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Authentication (SigV4) and authorization (IAM policy evaluation, iam/access.ts and iam/policy/)
 * for every AWS API request.
 */
export class Security {
  readonly deps: SecurityDeps;

  readonly #access: AccessControl;
  readonly #sigv4: SigV4Authenticator;

  constructor(deps: SecurityDeps) {
    this.deps = deps;
    this.#access = new AccessControl(deps);
    this.#sigv4 = new SigV4Authenticator(deps);
  }

  get credentials(): CredentialStore {
    return this.deps.credentials;
  }

  /**
   * Verifies the request's SigV4 signature (header or presigned query form) and says who signed
   * it. Throws the service's own AWS error (per protocol) when the signature, key, token or date
   * is refused. Operations whose model says `authtype: none` (Cognito's SignUp, GetId, …) and
   * unsigned S3 requests yield the anonymous principal.
   * `streamedPayload`: the body has not been read (S3 uploads): its hash is checked as it streams.
   */
  authenticate(
    req: HttpRequest,
    model: ServiceModel,
    operation: string,
    options: { readonly streamedPayload?: boolean } = {},
  ): Principal {
    return this.#sigv4.authenticate(req, model, operation, options.streamedPayload ?? false);
  }

  /**
   * Evaluates what an operation asks to do (the service's `authorize` mapping, else
   * `<prefix>:<Operation>` on `*`) for the request's principal; throws the service's
   * AccessDenied error, with AWS's message, when any request is not allowed.
   */
  authorizeOperation(service: AwsService, operation: string, input: unknown, ctx: RequestContext): void {
    const principal = ctx.principal;
    // Operations callers need not sign (Cognito's SignUp, GetId) are open to anyone.
    if (!principal || service.model.operations[operation]?.authtype === 'none') return;
    // Principals the enforcement mode does not evaluate skip building the service's access requests.
    if (!this.#access.evaluates(principal)) return;
    const requests = service.authorize?.(operation, input, ctx) ?? [
      { action: `${service.model.metadata.signingName ?? service.name}:${operation}`, resource: '*' },
    ];
    this.authorize(principal, requests, service.model, ctx);
  }

  /** Throws the service's AccessDenied error unless every request is allowed for the principal. */
  authorize(
    principal: Principal,
    requests: readonly AccessRequest[],
    model: ServiceModel,
    ctx?: RequestContext,
  ): void {
    this.#access.authorize(principal, requests, model, ctx);
  }
}
