/** A function as Stratus keeps it: its configuration, where its code lives, and its resource policy. */
export interface FunctionRecord {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  readonly role: string;
  readonly handler: string;
  readonly description: string;
  readonly timeout: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly architectures: readonly string[];
  readonly ephemeralStorage: number;
  readonly tracingMode: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `/aws/lambda/<name>` unless LoggingConfig names another group. */
  readonly logGroup: string;
  readonly code: CodeLocation;
  /** Stratus clock time of the last change, ms. */
  readonly lastModified: number;
  /** Changes whenever configuration or code changes; environments of an older revision retire. */
  readonly revisionId: string;
  readonly reservedConcurrency?: number;
  readonly policy?: ResourcePolicy;
  readonly deadLetterTarget?: string;
  readonly kmsKeyArn?: string;
}

/** The unpacked code of one revision, in the instance's storage. */
export interface CodeLocation {
  readonly directory: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ResourcePolicy {
  readonly revisionId: string;
  readonly statements: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: string | Readonly<Record<string, string>>;
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The Node.js runtimes AWS still lets a function be created or updated with, and Stratus runs. */
export const SUPPORTED_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

export const LATEST = '$LATEST';
