import { LambdaErrors } from './errors.ts';
import { SUPPORTED_RUNTIMES } from './model.ts';

/** Checks what the provider path does not get from the protocol layer's model validation. */
export function checkRange(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: ` +
        `Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: ` +
        `Member must have value less than or equal to ${max}`,
    );
  }
}

/** Stratus runs Node.js only; anything else is refused by name rather than run wrongly. */
export function checkRuntime(runtime: string | undefined, handler: string | undefined): string {
  if (!runtime || !handler) {
    throw LambdaErrors.invalidParameter(
      'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    );
  }
  if (
    /^nodejs(\d+(\.\d+)?(\.x|-edge)?)?$/.test(runtime) &&
    !(SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)
  ) {
    throw LambdaErrors.invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. ` +
        `We recommend you use the new runtime (${SUPPORTED_RUNTIMES.at(-1)}) while creating or updating functions.`,
    );
  }
  if (!(SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) {
    throw LambdaErrors.invalidParameter(
      `Stratus runs Node.js functions only (${SUPPORTED_RUNTIMES.join(', ')}); the runtime ${runtime} is not supported.`,
    );
  }
  return runtime;
}

export function checkUnsupported(input: {
  PackageType?: string;
  Code?: { ImageUri?: string };
  Layers?: unknown[];
}) {
  if (input.PackageType === 'Image' || input.Code?.ImageUri) {
    throw LambdaErrors.invalidParameter(
      'Stratus runs Zip-packaged Node.js functions only; container image functions are not supported.',
    );
  }
  if (input.Layers && input.Layers.length > 0) {
    throw LambdaErrors.invalidParameter(
      'Stratus does not support Lambda layers yet; bundle the code instead.',
    );
  }
}

export function checkArchitectures(architectures: readonly string[] | undefined): readonly string[] {
  const list = architectures ?? ['x86_64'];
  if (list.length !== 1 || !['x86_64', 'arm64'].includes(list[0]!)) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value '[${list.join(', ')}]' at 'architectures' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 1, and every member must be x86_64 or arm64',
    );
  }
  return list;
}
