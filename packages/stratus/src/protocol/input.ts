/**
 * The last step of every decode, whatever the protocol: idempotency tokens the client left
 * out are filled in (as the SDKs do), then the input is validated against the model.
 */
import { randomUUID } from 'node:crypto';
import type { CompiledModel } from './compiled.ts';
import { validationError } from './conventions.ts';
import { leftToService, precheck } from './coral-prechecks.ts';
import type { OperationModel } from './model.ts';
import { validateInput } from './validate.ts';

export function finishInput(
  c: CompiledModel,
  operation: OperationModel,
  input: Record<string, unknown>,
): Record<string, unknown> {
  if (!operation.input) return input;
  for (const name of tokenMembers(c, operation.input.shape)) {
    if (input[name] === undefined) input[name] = randomUUID();
  }
  precheck(c, operation.name, input);
  const message = validateInput(c, operation.input.shape, input, leftToService(c, operation.name));
  if (message) throw validationError(c, message);
  return input;
}

function tokenMembers(c: CompiledModel, shapeName: string): readonly string[] {
  // By the model's own shape name (its hash is kept): no key string built per request.
  const byShape = c.memo('idempotency-tokens', () => new Map<string, readonly string[]>());
  let names = byShape.get(shapeName);
  if (!names) {
    names = Object.entries(c.shape(shapeName).members ?? {})
      .filter(([, ref]) => ref.idempotencyToken)
      .map(([name]) => name);
    byShape.set(shapeName, names);
  }
  return names;
}
