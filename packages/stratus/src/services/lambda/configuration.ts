import { lambdaTimestamp } from './core.ts';
import { type FunctionRecord, LATEST } from './model.ts';

/**
 * The FunctionConfiguration shape every function operation returns. Like AWS, a create answers
 * `Pending` and an update `InProgress`; Stratus finishes both before answering, so the next read
 * says `Active` / `Successful`.
 */
export function functionConfiguration(fn: FunctionRecord, phase: 'created' | 'updated' | 'ready' = 'ready') {
  const state = phase === 'created' ? 'Pending' : 'Active';
  const variables = Object.keys(fn.environment).length > 0 ? { Variables: { ...fn.environment } } : undefined;
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.code.size,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(fn.lastModified),
    CodeSha256: fn.code.sha256,
    Version: LATEST,
    Environment: variables,
    TracingConfig: { Mode: fn.tracingMode },
    RevisionId: fn.revisionId,
    DeadLetterConfig: fn.deadLetterTarget ? { TargetArn: fn.deadLetterTarget } : undefined,
    KMSKeyArn: fn.kmsKeyArn,
    State: state,
    StateReason: state === 'Pending' ? 'The function is being created.' : undefined,
    StateReasonCode: state === 'Pending' ? 'Creating' : undefined,
    LastUpdateStatus: phase === 'created' ? undefined : phase === 'updated' ? 'InProgress' : 'Successful',
    PackageType: 'Zip',
    Architectures: [...fn.architectures],
    EphemeralStorage: { Size: fn.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: fn.logGroup },
  };
}
