/**
 * Turns a request's expression parameters into checked trees, with DynamoDB's messages for bad
 * placeholders, empty or invalid expressions and unused names or values.
 */
import { type AttributeValue, attributeProblem } from '../attribute-value.ts';
import { DynamoErrors } from '../errors.ts';
import type { Condition, PathNode, UpdateAction } from './ast.ts';
import { Checker, type Placeholders } from './check.ts';
import { compileLegacy } from './legacy.ts';
import { Parser } from './parser.ts';
import { ExpressionSyntaxError } from './tokens.ts';

export interface ExpressionInput {
  UpdateExpression?: string;
  ConditionExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

export interface CompiledExpressions {
  update?: UpdateAction[];
  condition?: Condition;
  keyCondition?: Condition;
  filter?: Condition;
  projection?: PathNode[];
}

/** What an operation takes: its legacy parameters and its expressions that use values, as AWS names them. */
export interface ExpressionParameters {
  readonly legacy: readonly string[];
  readonly valueExpressions: readonly string[];
  /** The operation's expression parameters in the order AWS lists them when refusing a mix (default: all). */
  readonly expressions?: readonly string[];
  /** The legacy parameters AWS names when refusing a mix (default: `legacy`). */
  readonly mixed?: readonly string[];
}

const EXPRESSION_PARAMETERS = [
  'UpdateExpression',
  'ConditionExpression',
  'KeyConditionExpression',
  'FilterExpression',
  'ProjectionExpression',
] as const;

/**
 * DynamoDB's first check of a request, before its attribute values: legacy and expression parameters
 * are not mixed, and names or values come with an expression that can use them.
 */
export function checkParameterMix(input: ExpressionInput, params: ExpressionParameters): void {
  const record = input as Record<string, unknown>;
  if (withoutExpressions(record, params)) return;
  const expressionParams = (params.expressions ?? EXPRESSION_PARAMETERS).filter(
    (name) => record[name] !== undefined,
  );
  // KeyConditions with a FilterExpression but no KeyConditionExpression is not counted as a mix.
  const keyConditionsAlone =
    record.KeyConditions !== undefined && record.KeyConditionExpression === undefined;
  const legacyParams = (params.mixed ?? params.legacy).filter(
    (name) => record[name] !== undefined && !(name === 'KeyConditions' && keyConditionsAlone),
  );
  if (expressionParams.length > 0 && legacyParams.length > 0) {
    throw DynamoErrors.validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacyParams.join(', ')}} Expression parameters: {${expressionParams.join(', ')}}`,
    );
  }
  const names = input.ExpressionAttributeNames;
  const values = input.ExpressionAttributeValues;
  if (params.legacy.some((name) => record[name] !== undefined) && names === undefined && values === undefined)
    return;
  if (names !== undefined && expressionParams.length === 0) {
    throw DynamoErrors.validation('ExpressionAttributeNames can only be specified when using expressions');
  }
  const valueExpressions = expressionParams.filter((p) => p !== 'ProjectionExpression');
  if (values !== undefined && valueExpressions.length === 0) {
    const possible = params.valueExpressions;
    throw DynamoErrors.validation(
      `ExpressionAttributeValues can only be specified when using expressions: ${possible.join(' and ')} ${possible.length > 1 ? 'are' : 'is'} null`,
    );
  }
}

/** A request with no expression, no placeholders and none of the operation's legacy parameters (nothing to check). */
function withoutExpressions(record: Record<string, unknown>, params: ExpressionParameters): boolean {
  if (record.ExpressionAttributeNames !== undefined || record.ExpressionAttributeValues !== undefined)
    return false;
  for (const name of EXPRESSION_PARAMETERS) if (record[name] !== undefined) return false;
  for (const name of params.legacy) if (record[name] !== undefined) return false;
  for (const name of params.mixed ?? []) if (record[name] !== undefined) return false;
  return true;
}

export function compileExpressions(
  input: ExpressionInput,
  params: ExpressionParameters,
): CompiledExpressions {
  const record = input as Record<string, unknown>;
  // Most reads and writes carry no expression, placeholder or legacy parameter at all: nothing to compile.
  if (withoutExpressions(record, params)) return {};
  checkParameterMix(input, params);
  const names = input.ExpressionAttributeNames;
  const values = input.ExpressionAttributeValues;
  if (
    params.legacy.some((name) => record[name] !== undefined) &&
    names === undefined &&
    values === undefined
  ) {
    const legacy = compileLegacy(record);
    // A ProjectionExpression may go with the legacy conditions (only AttributesToGet excludes it).
    if (input.ProjectionExpression === undefined) return legacy;
    const projection = compileExpressions(
      { ProjectionExpression: input.ProjectionExpression },
      { legacy: [], valueExpressions: [], expressions: ['ProjectionExpression'] },
    ).projection;
    return { ...legacy, projection };
  }
  checkPlaceholders(names, values);
  const placeholders: Placeholders = { names, values, usedNames: new Set(), usedValues: new Set() };
  const compiled: CompiledExpressions = {};
  const run = <T>(
    param: string,
    source: string | undefined,
    parse: (p: Parser) => T,
    check: (c: Checker, t: T) => void,
  ) => {
    if (source === undefined) return undefined;
    const label = param;
    if (source === '') throw DynamoErrors.validation(`Invalid ${label}: The expression can not be empty;`);
    if (source.length > 4096) {
      throw DynamoErrors.validation(
        `Invalid ${label}: Expression size has exceeded the maximum allowed size;`,
      );
    }
    const parser = new Parser(source);
    let tree: T;
    try {
      tree = parse(parser);
    } catch (error) {
      // Parentheses found redundant before the syntax error are reported first, as AWS does.
      if (error instanceof ExpressionSyntaxError && parser.redundantParens)
        throw DynamoErrors.validation(`Invalid ${label}: The expression has redundant parentheses;`);
      if (error instanceof ExpressionSyntaxError)
        throw DynamoErrors.validation(`Invalid ${label}: ${error.message}`);
      throw error;
    }
    const checker = new Checker(placeholders);
    if (parser.redundantParens) checker.add('parens', 'The expression has redundant parentheses;');
    if (parser.repeatedSection) {
      checker.add(
        'section',
        `The "${parser.repeatedSection}" section can only be used once in an update expression;`,
      );
    }
    check(checker, tree);
    const problem = checker.first();
    if (problem) throw DynamoErrors.validation(`Invalid ${label}: ${problem}`);
    return tree;
  };
  compiled.update = run(
    'UpdateExpression',
    input.UpdateExpression,
    (p) => p.parseUpdate(),
    (c, t) => c.update(t),
  );
  compiled.condition = run(
    'ConditionExpression',
    input.ConditionExpression,
    (p) => p.parseCondition(),
    (c, t) => c.condition(t),
  );
  compiled.keyCondition = run(
    'KeyConditionExpression',
    input.KeyConditionExpression,
    (p) => p.parseCondition(),
    (c, t) => c.condition(t),
  );
  compiled.filter = run(
    'FilterExpression',
    input.FilterExpression,
    (p) => p.parseCondition(),
    (c, t) => c.condition(t),
  );
  compiled.projection = run(
    'ProjectionExpression',
    input.ProjectionExpression,
    (p) => p.parseProjection(),
    (c, t) => c.projection(t),
  );
  const unusedNames = Object.keys(names ?? {}).filter((n) => !placeholders.usedNames.has(n));
  if (unusedNames.length > 0) {
    throw DynamoErrors.validation(
      `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
    );
  }
  const unusedValues = Object.keys(values ?? {}).filter((v) => !placeholders.usedValues.has(v));
  if (unusedValues.length > 0) {
    throw DynamoErrors.validation(
      `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
    );
  }
  return compiled;
}

function checkPlaceholders(
  names: Record<string, string> | undefined,
  values: Record<string, AttributeValue> | undefined,
): void {
  if (names !== undefined) {
    if (Object.keys(names).length === 0)
      throw DynamoErrors.validation('ExpressionAttributeNames must not be empty');
    for (const key of Object.keys(names)) {
      if (!/^#[0-9a-zA-Z_]+$/.test(key)) {
        throw DynamoErrors.validation(
          `ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`,
        );
      }
    }
  }
  if (values !== undefined) {
    if (Object.keys(values).length === 0)
      throw DynamoErrors.validation('ExpressionAttributeValues must not be empty');
    for (const key of Object.keys(values)) {
      if (!/^:[0-9a-zA-Z_]+$/.test(key)) {
        throw DynamoErrors.validation(
          `ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`,
        );
      }
    }
    for (const [key, value] of Object.entries(values)) {
      const problem = attributeProblem(value);
      if (problem) {
        throw DynamoErrors.validation(
          `ExpressionAttributeValues contains invalid value: ${problem} for key ${key}`,
        );
      }
    }
  }
}
