import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { functionConfiguration } from '../configuration.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { validateVariables } from '../environment.ts';
import { LambdaErrors } from '../errors.ts';
import type { FunctionRecord } from '../model.ts';
import { checkRange, checkRuntime, checkUnsupported } from '../validation.ts';
import { retireRevision } from './update-function-code.ts';

export interface UpdateFunctionConfigurationInput {
  readonly FunctionName: string;
  readonly Role?: string;
  readonly Handler?: string;
  readonly Description?: string;
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly Environment?: { readonly Variables?: Record<string, string> };
  readonly Runtime?: string;
  readonly DeadLetterConfig?: { readonly TargetArn?: string };
  readonly KMSKeyArn?: string;
  readonly TracingConfig?: { readonly Mode?: string };
  readonly RevisionId?: string;
  readonly Layers?: string[];
  readonly EphemeralStorage?: { readonly Size: number };
  readonly LoggingConfig?: { readonly LogGroup?: string };
}

/** Changes configuration; environments of the previous configuration retire. */
export function updateFunctionConfiguration(
  core: LambdaCore,
  input: UpdateFunctionConfigurationInput,
  ctx: RequestContext,
) {
  const fn = requireFunction(core, input.FunctionName, ctx);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.revisionId)
    throw LambdaErrors.preconditionFailed();
  checkUnsupported(input);
  const runtime = checkRuntime(input.Runtime ?? fn.runtime, input.Handler ?? fn.handler);
  checkRange('timeout', input.Timeout, 1, 900);
  checkRange('memorySize', input.MemorySize, 128, 10240);
  checkRange('ephemeralStorage.size', input.EphemeralStorage?.Size, 512, 10240);
  const variables = input.Environment ? (input.Environment.Variables ?? {}) : fn.environment;
  validateVariables(variables);
  const updated: FunctionRecord = {
    ...fn,
    runtime,
    role: input.Role ?? fn.role,
    handler: input.Handler ?? fn.handler,
    description: input.Description ?? fn.description,
    timeout: input.Timeout ?? fn.timeout,
    memorySize: input.MemorySize ?? fn.memorySize,
    environment: { ...variables },
    deadLetterTarget: input.DeadLetterConfig ? input.DeadLetterConfig.TargetArn : fn.deadLetterTarget,
    kmsKeyArn: input.KMSKeyArn ?? fn.kmsKeyArn,
    tracingMode: input.TracingConfig?.Mode ?? fn.tracingMode,
    ephemeralStorage: input.EphemeralStorage?.Size ?? fn.ephemeralStorage,
    logGroup: input.LoggingConfig?.LogGroup ?? fn.logGroup,
    lastModified: core.clock.now(),
    revisionId: randomUUID(),
  };
  core.store.put(updated);
  retireRevision(core, fn, true);
  return functionConfiguration(updated, 'updated');
}
