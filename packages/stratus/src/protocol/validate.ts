/**
 * Input validation from the model's constraints (required, min/max, enum, pattern), with
 * AWS's message format: `2 validation errors detected: Value 'x' at 'functionName' failed to
 * satisfy constraint: Member must have length less than or equal to 64; ...`. Paths are the
 * member names in lowerCamelCase; list items are `name.N.member`, map values `name.KEY.member`.
 * Validators are compiled once per shape and model.
 */
import type { CompiledModel } from './compiled.ts';
import { enumListing, memberOrder } from './coral-prechecks.ts';
import { compileJavaPattern } from './java-regex.ts';
import type { Shape } from './model.ts';

/** AWS stops collecting after ten. */
const MAX_ERRORS = 10;
/** Patterns are not run on values this long (guards against slow regular expressions). */
const MAX_PATTERN_INPUT = 256 * 1024;

type Check = (value: unknown, path: string, errors: string[]) => void;

/** `skipped`: top-level members the service validates itself (the same list for a shape every time). */
export function validateInput(
  c: CompiledModel,
  shapeName: string,
  input: unknown,
  skipped: readonly string[] = [],
): string | undefined {
  const errors: string[] = [];
  const check =
    skipped.length === 0
      ? validator(c, shapeName)
      : c.memo(`validator-without:${shapeName}`, () => build(c, shapeName, new Set(skipped)));
  check(input, '', errors);
  if (errors.length === 0) return undefined;
  const count = Math.min(errors.length, MAX_ERRORS);
  const noun = count === 1 ? 'error' : 'errors';
  return `${count} validation ${noun} detected: ${errors.slice(0, MAX_ERRORS).join('; ')}`;
}

function validator(c: CompiledModel, shapeName: string): Check {
  const checks = c.memo('validators', () => new Map<string, Check>());
  let check = checks.get(shapeName);
  if (!check) {
    // Recursive shapes: the entry is set before the build, and resolved at call time.
    let built: Check | undefined;
    check = (value, path, errors) => (built ??= build(c, shapeName))(value, path, errors);
    checks.set(shapeName, check);
  }
  return check;
}

function build(c: CompiledModel, shapeName: string, skipped?: ReadonlySet<string>): Check {
  const shape = c.shape(shapeName);
  const own = constraintChecks(c, shape, shapeName);
  const nested = nestedCheck(c, shape, shapeName, skipped);
  if (own.length === 0 && !nested) return () => {};
  return (value, path, errors) => {
    if (value === undefined || value === null || errors.length >= MAX_ERRORS) return;
    for (const check of own) check(value, path, errors);
    nested?.(value, path, errors);
  };
}

function nestedCheck(
  c: CompiledModel,
  shape: Shape,
  shapeName: string,
  skipped?: ReadonlySet<string>,
): Check | undefined {
  if (shape.type === 'structure' && shape.members) {
    const required = new Set(shape.required ?? []);
    // A member that is optional and can break no constraint at any depth is not looked at (eight of an
    // AttributeValue's ten members: S, N, B, their sets, NULL and BOOL).
    const kept = memberOrder(c, shapeName, Object.entries(shape.members)).filter(
      ([name, ref]) => !skipped?.has(name) && (required.has(name) || validationNeeded(c, ref.shape)),
    );
    if (kept.length === 0) return undefined;
    const members = kept.map(([name, ref]) => ({
      name,
      label: lowerFirst(name),
      required: required.has(name),
      check: validator(c, ref.shape),
    }));
    return (value, path, errors) => {
      const record = value as Record<string, unknown>;
      for (const member of members) {
        const memberValue = record[member.name];
        const absent = memberValue === undefined || memberValue === null;
        // Absent optional members check nothing: their path is not even built (sparse shapes such as AttributeValue).
        if (absent && !member.required) continue;
        const memberPath = path ? `${path}.${member.label}` : member.label;
        if (absent) {
          errors.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
        } else {
          member.check(memberValue, memberPath, errors);
        }
      }
    };
  }
  if (shape.type === 'list' && shape.member) {
    const check = validator(c, shape.member.shape);
    return (value, path, errors) => {
      let index = 1;
      for (const item of value as unknown[]) check(item, `${path}.${index++}.member`, errors);
    };
  }
  if (shape.type === 'map' && shape.value) {
    const valueShape = c.shape(shape.value.shape);
    // A value's own length or pattern constraints are reported at the map (below); what is inside it, at
    // `map.KEY.member`.
    const valueLimited =
      valueShape.min !== undefined || valueShape.max !== undefined || valueShape.pattern !== undefined;
    const valueChecks = valueLimited ? constraintChecks(c, valueShape, shape.value.shape) : [];
    const check = valueLimited
      ? insideOnly(c, valueShape, shape.value.shape)
      : validator(c, shape.value.shape);
    const keyShape = shape.key ? c.shape(shape.key.shape) : undefined;
    const keyChecks = keyShape ? constraintChecks(c, keyShape, shape.key!.shape) : [];
    // Coral lists every constraint of a string key's shape when one fails (max, min, pattern).
    const keyReasons =
      keyShape?.type === 'string' && (keyShape.min !== undefined || keyShape.max !== undefined)
        ? constraintListing(keyShape)
        : undefined;
    const valueReasons = constraintListing(valueShape);
    // One list for the keys' errors, emptied for each key: no allocation per entry (an item has many).
    const keyErrors: string[] = [];
    const failed = (value: unknown, path: string, what: string, reasons: string) => {
      const shown = shape.sensitive ? 'Value' : `Value '${javaString(c, shapeName, value)}'`;
      return `${shown} at '${path}' failed to satisfy constraint: ${what} must satisfy constraint: [${reasons}]`;
    };
    return (value, path, errors) => {
      const record = value as Record<string, unknown>;
      // Own keys by `for in`: no array of entries per map (an item is one).
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        const item = record[key];
        if (keyChecks.length > 0) {
          keyErrors.length = 0;
          for (const keyCheck of keyChecks) keyCheck(key, path, keyErrors);
          if (keyErrors.length > 0) {
            const reasons =
              keyReasons ?? keyErrors.map((e) => e.slice(e.indexOf('constraint: ') + 12)).join(', ');
            errors.push(failed(value, path, 'Map keys', reasons));
          }
        }
        if (valueChecks.length > 0 && item !== undefined && item !== null) {
          // Coral reports a value breaking its shape's constraints at the map, listing all of them.
          keyErrors.length = 0;
          for (const valueCheck of valueChecks) valueCheck(item, path, keyErrors);
          if (keyErrors.length > 0) errors.push(failed(value, path, 'Map value', valueReasons));
        }
        check(item, `${path}.${key}.member`, errors);
      }
    };
  }
  return undefined;
}

/** Whether a value of the shape can fail validation: some shape it reaches has a constraint or a required member. */
function validationNeeded(c: CompiledModel, shapeName: string): boolean {
  const known = c.memo('validation-needed', () => new Map<string, boolean>());
  let needed = known.get(shapeName);
  if (needed === undefined) {
    needed = reachesConstraint(c, shapeName, new Set());
    known.set(shapeName, needed);
  }
  return needed;
}

/** Depth-first over the shapes `shapeName` reaches (each once: recursive shapes end where they loop). */
function reachesConstraint(c: CompiledModel, shapeName: string, seen: Set<string>): boolean {
  if (seen.has(shapeName)) return false;
  seen.add(shapeName);
  const shape = c.shape(shapeName);
  if (constraintChecks(c, shape, shapeName).length > 0) return true;
  if (shape.type === 'structure') {
    if ((shape.required?.length ?? 0) > 0) return true;
    return Object.values(shape.members ?? {}).some((ref) => reachesConstraint(c, ref.shape, seen));
  }
  if (shape.type === 'list')
    return shape.member !== undefined && reachesConstraint(c, shape.member.shape, seen);
  if (shape.type === 'map') {
    return (
      (shape.key !== undefined && reachesConstraint(c, shape.key.shape, seen)) ||
      (shape.value !== undefined && reachesConstraint(c, shape.value.shape, seen))
    );
  }
  return false;
}

/** What is inside a value (its members, items or entries), without the value's own constraints. */
function insideOnly(c: CompiledModel, shape: Shape, shapeName: string): Check {
  const nested = nestedCheck(c, shape, shapeName);
  if (!nested) return () => {};
  return (value, path, errors) => {
    if (value === undefined || value === null || errors.length >= MAX_ERRORS) return;
    nested(value, path, errors);
  };
}

/** Every constraint of a shape, as Coral lists a map key's or value's: max, min, pattern. */
function constraintListing(shape: Shape): string {
  const unit = ['string', 'list', 'map', 'blob'].includes(shape.type) ? 'length' : 'value';
  return [
    shape.max !== undefined && `Member must have ${unit} less than or equal to ${shape.max}`,
    shape.min !== undefined && `Member must have ${unit} greater than or equal to ${shape.min}`,
    shape.pattern && `Member must satisfy regular expression pattern: ${shape.pattern}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The shape's own constraints, in the order AWS reports them. */
function constraintChecks(c: CompiledModel, shape: Shape, shapeName: string): Check[] {
  const checks: Check[] = [];
  const add = (test: (value: any) => boolean, message: string) =>
    checks.push((value, path, errors) => {
      if (test(value)) return;
      // Sensitive values (passwords, secrets) are left out of the message, as AWS does.
      const shown = shape.sensitive ? 'Value' : `Value '${javaString(c, shapeName, value)}'`;
      errors.push(`${shown} at '${path}' failed to satisfy constraint: ${message}`);
    });
  if (shape.enum && shape.type === 'string') {
    const allowed = new Set(shape.enum);
    add(
      (v) => allowed.has(v),
      `Member must satisfy enum value set: [${enumListing(c, shapeName, shape.enum)}]`,
    );
  }
  if (shape.pattern && shape.type === 'string') {
    const regex = compileJavaPattern(shape.pattern);
    if (regex) {
      add(
        (v: string) => v.length > MAX_PATTERN_INPUT || regex.test(v),
        `Member must satisfy regular expression pattern: ${shape.pattern}`,
      );
    }
  }
  const measured = ['string', 'list', 'map', 'blob'].includes(shape.type);
  const size = (v: any) => (shape.type === 'map' ? Object.keys(v).length : v.length);
  if (shape.min !== undefined) {
    if (measured)
      add((v) => size(v) >= shape.min!, `Member must have length greater than or equal to ${shape.min}`);
    else if (shape.type !== 'structure' && shape.type !== 'timestamp')
      add((v) => v >= shape.min!, `Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined) {
    if (measured)
      add((v) => size(v) <= shape.max!, `Member must have length less than or equal to ${shape.max}`);
    else if (shape.type !== 'structure' && shape.type !== 'timestamp')
      add((v) => v <= shape.max!, `Member must have value less than or equal to ${shape.max}`);
  }
  return checks;
}

/** Values as AWS's Java frontends print them: `Shape(member=value)`, `[a, b]`, `{key=value}`. */
export function javaString(c: CompiledModel, shapeName: string, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const shape = c.shape(shapeName);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return `java.nio.HeapByteBuffer[pos=0 lim=${value.byteLength} cap=${value.byteLength}]`;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const item = shape.member?.shape;
    return `[${value.map((v) => (item ? javaString(c, item, v) : String(v))).join(', ')}]`;
  }
  if (typeof value !== 'object') return String(value);
  const record = value as Record<string, unknown>;
  if (shape.type === 'structure') {
    const parts = Object.entries(shape.members ?? {})
      .filter(([name]) => record[name] !== undefined)
      .map(([name, ref]) => `${lowerFirst(name)}=${javaString(c, ref.shape, record[name])}`);
    return `${shapeName}(${parts.join(', ')})`;
  }
  const valueShape = shape.value?.shape;
  const parts = Object.entries(record).map(
    ([k, v]) => `${k}=${valueShape ? javaString(c, valueShape, v) : String(v)}`,
  );
  return `{${parts.join(', ')}}`;
}

function lowerFirst(name: string): string {
  return name.length === 0 ? name : name[0].toLowerCase() + name.slice(1);
}
