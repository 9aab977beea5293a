import { readFileSync } from 'node:fs';
import { generatePhysicalName } from '../../../cloudformation/naming.ts';
import {
  type ResourceContext,
  type ResourceProvider,
  requestContext,
} from '../../../cloudformation/provider.ts';
import { isAwsError } from '../../../protocol/errors.ts';
import type { LambdaCore } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { type CodeSource, createFunction } from '../operations/create-function.ts';
import { deleteFunction } from '../operations/delete-function.ts';
import { deleteFunctionConcurrency } from '../operations/delete-function-concurrency.ts';
import { putFunctionConcurrency } from '../operations/put-function-concurrency.ts';
import { updateFunctionCode } from '../operations/update-function-code.ts';
import { updateFunctionConfiguration } from '../operations/update-function-configuration.ts';

export interface FunctionProps {
  readonly FunctionName?: string;
  readonly Code: { ZipFile?: string; S3Bucket?: string; S3Key?: string; ImageUri?: string };
  readonly Handler?: string;
  readonly Runtime?: string;
  readonly Role: string;
  readonly MemorySize?: number | string;
  readonly Timeout?: number | string;
  readonly Description?: string;
  readonly Environment?: { Variables?: Record<string, unknown> };
  readonly ReservedConcurrentExecutions?: number | string;
  readonly Architectures?: string[];
  readonly Tags?: { Key: string; Value: string }[];
  readonly TracingConfig?: { Mode?: string };
  readonly DeadLetterConfig?: { TargetArn?: string };
  readonly KmsKeyArn?: string;
  readonly Layers?: string[];
  readonly EphemeralStorage?: { Size: number | string };
  readonly LoggingConfig?: { LogGroup?: string; LogFormat?: string };
  readonly PackageType?: string;
}

/** AWS::Lambda::Function: Ref is the name, Fn::GetAtt Arn the ARN. Code changes update in place. */
export function functionProvider(core: LambdaCore): ResourceProvider<FunctionProps> {
  const result = (name: string, ctx: ResourceContext) => {
    const arn = `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
    return { physicalId: name, attributes: { Arn: arn } };
  };
  return {
    replaceOn: ['FunctionName', 'PackageType'],
    async create(props, ctx) {
      warnUnsupported(props, ctx);
      const name = props.FunctionName ?? generatePhysicalName(ctx, 64, { suffix: 'mixed' });
      createFunction(
        core,
        {
          ...configuration(props),
          FunctionName: name,
          Role: props.Role,
          Code: {},
          Tags: tags(props),
          PackageType: props.PackageType,
        },
        requestContext(ctx, 'lambda', 'CreateFunction'),
        codeSource(props.Code, ctx),
      );
      setConcurrency(core, name, props, ctx);
      return result(name, ctx);
    },
    async update(physicalId, props, previous, ctx) {
      warnUnsupported(props, ctx);
      if (JSON.stringify(props.Code) !== JSON.stringify(previous.Code)) {
        const source = codeSource(props.Code, ctx);
        updateFunctionCode(
          core,
          { FunctionName: physicalId },
          requestContext(ctx, 'lambda', 'UpdateFunctionCode'),
          source,
        );
      }
      updateFunctionConfiguration(
        core,
        {
          ...configuration(props),
          FunctionName: physicalId,
          Role: props.Role,
          Environment: { Variables: variables(props) },
        },
        requestContext(ctx, 'lambda', 'UpdateFunctionConfiguration'),
      );
      const fn = core.store.get(ctx.accountId, ctx.region, physicalId);
      if (fn) core.store.put({ ...fn, tags: tags(props) ?? {} });
      setConcurrency(core, physicalId, props, ctx);
      return result(physicalId, ctx);
    },
    async delete(physicalId, _props, ctx) {
      try {
        await deleteFunction(
          core,
          { FunctionName: physicalId },
          requestContext(ctx, 'lambda', 'DeleteFunction'),
        );
      } catch (error) {
        if (!(isAwsError(error) && error.code === 'ResourceNotFoundException')) throw error;
      }
    },
  };
}

function configuration(props: FunctionProps) {
  const number = (value: number | string | undefined) => (value === undefined ? undefined : Number(value));
  return {
    Runtime: props.Runtime,
    Handler: props.Handler,
    Description: props.Description,
    Timeout: number(props.Timeout),
    MemorySize: number(props.MemorySize),
    Environment: { Variables: variables(props) },
    Architectures: props.Architectures,
    TracingConfig: props.TracingConfig,
    DeadLetterConfig: props.DeadLetterConfig,
    KMSKeyArn: props.KmsKeyArn,
    Layers: props.Layers,
    EphemeralStorage: props.EphemeralStorage ? { Size: Number(props.EphemeralStorage.Size) } : undefined,
    LoggingConfig: props.LoggingConfig ? { LogGroup: props.LoggingConfig.LogGroup } : undefined,
  };
}

function variables(props: FunctionProps): Record<string, string> {
  return Object.fromEntries(
    Object.entries(props.Environment?.Variables ?? {}).map(([k, v]) => [k, String(v)]),
  );
}

function tags(props: FunctionProps): Record<string, string> | undefined {
  return props.Tags ? Object.fromEntries(props.Tags.map((tag) => [tag.Key, tag.Value])) : undefined;
}

/** Inline source, or the CDK asset the template's S3 location names (a folder or a .zip). */
function codeSource(code: FunctionProps['Code'], ctx: ResourceContext): CodeSource {
  if (code.ZipFile !== undefined) return { kind: 'inline', source: code.ZipFile };
  if (code.S3Bucket && code.S3Key) {
    const asset = ctx.assets.resolve(code.S3Bucket, code.S3Key);
    if (!asset) {
      throw LambdaErrors.invalidParameter(
        `The code of ${ctx.logicalId} is at s3://${code.S3Bucket}/${code.S3Key}, which is not an asset of this ` +
          'cloud assembly; run `cdk synth` again so cdk.out holds it.',
      );
    }
    return asset.kind === 'directory'
      ? { kind: 'directory', path: asset.path }
      : { kind: 'zip', data: readFileSync(asset.path) };
  }
  if (code.ImageUri) {
    throw LambdaErrors.invalidParameter(
      `${ctx.logicalId} is a container image function (${code.ImageUri}); Stratus runs Zip-packaged Node.js functions only.`,
    );
  }
  throw LambdaErrors.invalidParameter(`${ctx.logicalId} has no Code: give ZipFile or S3Bucket and S3Key.`);
}

function setConcurrency(core: LambdaCore, name: string, props: FunctionProps, ctx: ResourceContext): void {
  if (props.ReservedConcurrentExecutions === undefined) {
    deleteFunctionConcurrency(
      core,
      { FunctionName: name },
      requestContext(ctx, 'lambda', 'DeleteFunctionConcurrency'),
    );
  } else {
    putFunctionConcurrency(
      core,
      { FunctionName: name, ReservedConcurrentExecutions: Number(props.ReservedConcurrentExecutions) },
      requestContext(ctx, 'lambda', 'PutFunctionConcurrency'),
    );
  }
}

/** Settings Stratus accepts but does not honour yet, said out loud rather than ignored. */
function warnUnsupported(props: FunctionProps, ctx: ResourceContext): void {
  if (props.LoggingConfig?.LogFormat === 'JSON') {
    ctx.log(
      `${ctx.logicalId}: Stratus writes Lambda logs in the Text format; LogFormat JSON is not supported yet.`,
    );
  }
}
