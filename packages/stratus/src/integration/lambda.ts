/**
 * How other services invoke Lambda functions in-process (API Gateway integrations, S3
 * notifications, event-source mappings), with the caller's identity so the function's
 * resource policy (AWS::Lambda::Permission) is checked as AWS checks it.
 */
export interface LambdaInvokeRequest {
  readonly region: string;
  /** Function name, ARN, partial ARN, or a qualified ARN (`…:function:name:alias`). */
  readonly functionName: string;
  /** The event as JSON: bytes, or the text itself (saves encoding and decoding it on the hot path). */
  readonly payload: Buffer | string;
  /** `DryRun` only checks that the function exists and its policy lets the caller invoke it (S3 does it on PutBucketNotificationConfiguration). */
  readonly invocationType: 'RequestResponse' | 'Event' | 'DryRun';
  /** The calling service, e.g. `apigateway.amazonaws.com`; its permission is required. */
  readonly principal: string;
  /** The ARN of the calling resource, matched against a permission's SourceArn. */
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

export interface LambdaInvokeResult {
  /** 200 for RequestResponse, 202 for Event, 204 for DryRun. */
  readonly statusCode: number;
  /** The function's answer as JSON text (empty for Event and DryRun): in-process callers parse it as text. */
  readonly payload: string;
  /** `Unhandled` when the function failed, as the X-Amz-Function-Error header says. */
  readonly functionError?: string;
  readonly executedVersion?: string;
}

export interface LambdaInvoker {
  /**
   * Throws AwsError: ResourceNotFoundException (no such function), AccessDeniedException
   * (no permission for this principal/source), TooManyRequestsException (throttled).
   */
  invoke(request: LambdaInvokeRequest): Promise<LambdaInvokeResult>;
}
