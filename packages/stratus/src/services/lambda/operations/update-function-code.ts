import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { functionConfiguration } from '../configuration.ts';
import { type LambdaCore, requireFunction } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import type { FunctionRecord } from '../model.ts';
import { type CodeSource, storeCode } from './create-function.ts';

export interface UpdateFunctionCodeInput {
  readonly FunctionName: string;
  readonly ZipFile?: Uint8Array | string;
  readonly S3Bucket?: string;
  readonly S3Key?: string;
  readonly S3ObjectVersion?: string;
  readonly ImageUri?: string;
  readonly Publish?: boolean;
  readonly DryRun?: boolean;
  readonly RevisionId?: string;
  readonly Architectures?: string[];
}

/** New code for `$LATEST`: idle environments retire, the next invocation cold-starts with it. */
export function updateFunctionCode(
  core: LambdaCore,
  input: UpdateFunctionCodeInput,
  ctx: RequestContext,
  source?: CodeSource,
) {
  const fn = requireFunction(core, input.FunctionName, ctx);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.revisionId)
    throw LambdaErrors.preconditionFailed();
  if (input.ImageUri) {
    throw LambdaErrors.invalidParameter(
      'Stratus runs Zip-packaged Node.js functions only; ImageUri is not supported.',
    );
  }
  if (input.DryRun) return functionConfiguration(fn);
  const code = storeCode(core, fn, input, source);
  const updated: FunctionRecord = {
    ...fn,
    code,
    architectures: input.Architectures ?? fn.architectures,
    lastModified: core.clock.now(),
    revisionId: randomUUID(),
  };
  core.store.put(updated);
  retireRevision(core, fn);
  return functionConfiguration(updated, 'updated');
}

/** Retires a function's old revision: idle environments end now, its code once nothing runs it. */
export function retireRevision(core: LambdaCore, previous: FunctionRecord, keepCode = false): void {
  core.runtime.retire(previous.arn);
  if (keepCode) return;
  const removeCode = () => core.code.removeRevision(previous.code);
  if (core.runtime.environments(previous.arn) === 0) removeCode();
  else setTimeout(removeCode, previous.timeout * 1000 + 1000).unref();
}
