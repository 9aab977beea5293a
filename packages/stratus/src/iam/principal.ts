/** Who made a request, as authentication established it and as policies see it. */
export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'Anonymous';

/** A condition-key value: one string, or several (multivalued keys such as `dynamodb:LeadingKeys`). */
export type ContextValue = string | readonly string[];

export interface Principal {
  readonly type: PrincipalType;
  /** The account the principal belongs to (the caller's; for anonymous, the instance's). */
  readonly accountId: string;
  /**
   * The ARN policies and error messages name: `arn:aws:iam::<account>:root`,
   * `arn:aws:iam::<account>:user/<name>`, `arn:aws:sts::<account>:assumed-role/<role>/<session>`,
   * or `anonymous`.
   */
  readonly arn: string;
  /** `aws:userid`: the account id for root, `AIDA…` for users, `AROA…:<session>` for role sessions. */
  readonly userId: string;
  /** The access key that signed the request. */
  readonly accessKeyId?: string;
  /** For role sessions: the role's ARN (`aws:PrincipalArn`), whose policies apply. */
  readonly roleArn?: string;
  /** A session policy (JSON) given when the credentials were issued: it narrows the role's grants. */
  readonly sessionPolicy?: string;
  /**
   * Condition keys the session carries, e.g. `cognito-identity.amazonaws.com:sub`,
   * `cognito-identity.amazonaws.com:aud`, `cognito-identity.amazonaws.com:amr`,
   * `aws:FederatedProvider`, `aws:SourceIdentity`.
   */
  readonly sessionContext: Readonly<Record<string, ContextValue>>;
  /** Credentials issued by STS (role sessions, identity pools, Lambda roles, session tokens). */
  readonly temporary: boolean;
  /** The S3 canonical user id a policy's `CanonicalUser` principal names (CloudFront origin access identities). */
  readonly canonicalUserId?: string;
}

export function rootPrincipal(accountId: string, accessKeyId?: string): Principal {
  return {
    type: 'Root',
    accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    accessKeyId,
    sessionContext: {},
    temporary: false,
  };
}

export function anonymousPrincipal(accountId: string): Principal {
  return {
    type: 'Anonymous',
    accountId,
    arn: 'anonymous',
    userId: 'anonymous',
    sessionContext: {},
    temporary: false,
  };
}
