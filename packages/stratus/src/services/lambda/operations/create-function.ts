import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { functionArn } from '../arn.ts';
import { functionConfiguration } from '../configuration.ts';
import type { LambdaCore } from '../core.ts';
import { validateVariables } from '../environment.ts';
import { LambdaErrors } from '../errors.ts';
import type { CodeLocation, FunctionRecord } from '../model.ts';
import { checkArchitectures, checkRange, checkRuntime, checkUnsupported } from '../validation.ts';

export interface FunctionCodeInput {
  readonly ZipFile?: Uint8Array | string;
  readonly S3Bucket?: string;
  readonly S3Key?: string;
  readonly S3ObjectVersion?: string;
  readonly ImageUri?: string;
}

export interface CreateFunctionInput {
  readonly FunctionName: string;
  readonly Runtime?: string;
  readonly Role: string;
  readonly Handler?: string;
  readonly Code: FunctionCodeInput;
  readonly Description?: string;
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly PackageType?: string;
  readonly Environment?: { readonly Variables?: Record<string, string> };
  readonly Tags?: Record<string, string>;
  readonly Architectures?: string[];
  readonly EphemeralStorage?: { readonly Size: number };
  readonly TracingConfig?: { readonly Mode?: string };
  readonly DeadLetterConfig?: { readonly TargetArn?: string };
  readonly KMSKeyArn?: string;
  readonly Layers?: string[];
  readonly LoggingConfig?: { readonly LogGroup?: string };
}

/** Code already found on this machine (a CloudFormation asset or inline source), instead of `Code`. */
export type CodeSource =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'zip'; readonly data: Uint8Array }
  | { readonly kind: 'inline'; readonly source: string };

export function createFunction(
  core: LambdaCore,
  input: CreateFunctionInput,
  ctx: RequestContext,
  source?: CodeSource,
) {
  checkUnsupported(input);
  const runtime = checkRuntime(input.Runtime, input.Handler);
  checkRange('timeout', input.Timeout, 1, 900);
  checkRange('memorySize', input.MemorySize, 128, 10240);
  checkRange('ephemeralStorage.size', input.EphemeralStorage?.Size, 512, 10240);
  const architectures = checkArchitectures(input.Architectures);
  const variables = input.Environment?.Variables ?? {};
  validateVariables(variables);
  const name = input.FunctionName;
  if (core.store.get(ctx.accountId, ctx.region, name))
    throw LambdaErrors.conflict(`Function already exist: ${name}`);
  const owner = { accountId: ctx.accountId, region: ctx.region, name };
  const code = storeCode(core, owner, input.Code, source);
  const fn: FunctionRecord = {
    ...owner,
    arn: functionArn(ctx.region, ctx.accountId, name),
    runtime,
    role: input.Role,
    handler: input.Handler!,
    description: input.Description ?? '',
    timeout: input.Timeout ?? 3,
    memorySize: input.MemorySize ?? 128,
    environment: { ...variables },
    architectures,
    ephemeralStorage: input.EphemeralStorage?.Size ?? 512,
    tracingMode: input.TracingConfig?.Mode ?? 'PassThrough',
    tags: { ...input.Tags },
    logGroup: input.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
    code,
    lastModified: core.clock.now(),
    revisionId: randomUUID(),
    deadLetterTarget: input.DeadLetterConfig?.TargetArn,
    kmsKeyArn: input.KMSKeyArn,
  };
  if (!core.store.insert(fn)) {
    core.code.removeRevision(code);
    throw LambdaErrors.conflict(`Function already exist: ${name}`);
  }
  return functionConfiguration(fn, 'created');
}

/** Unpacks the code a request carries (or a provider found) into the instance's storage. */
export function storeCode(
  core: LambdaCore,
  owner: { accountId: string; region: string; name: string },
  code: FunctionCodeInput | undefined,
  source?: CodeSource,
): CodeLocation {
  if (source?.kind === 'directory') return core.code.fromDirectory(owner, source.path);
  if (source?.kind === 'zip') return core.code.fromZip(owner, source.data);
  if (source?.kind === 'inline') return core.code.fromInline(owner, source.source);
  if (code?.ZipFile !== undefined) {
    const zip = typeof code.ZipFile === 'string' ? Buffer.from(code.ZipFile, 'base64') : code.ZipFile;
    return core.code.fromZip(owner, zip);
  }
  if (code?.S3Bucket && code.S3Key) {
    throw LambdaErrors.invalidParameter(
      `Stratus cannot read function code from s3://${code.S3Bucket}/${code.S3Key}: upload it as ZipFile, ` +
        'or deploy it from a CDK app (its assets are read from cdk.out).',
    );
  }
  throw LambdaErrors.invalidParameter('Please provide a source for function code.');
}
