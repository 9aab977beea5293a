import { templateError } from '../services/cloudformation/errors.ts';
import { cidrSubnets } from './cidr.ts';
import { AWS_FUNCTIONS, intrinsicName, UNSUPPORTED_FUNCTIONS } from './intrinsic-names.ts';
import { parseSub } from './sub.ts';
import type { Template } from './template.ts';

/** What `Ref: AWS::NoValue` resolves to: the enclosing property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface ResolvedResource {
  readonly type: string;
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** Everything the intrinsic functions read. The resolver itself is pure over this. */
export interface ResolutionContext {
  readonly region: string;
  /** Pseudo parameters and template parameters by name (list types as arrays). */
  readonly refs: ReadonlyMap<string, unknown>;
  readonly mappings?: Template['Mappings'];
  /** An evaluated condition; undefined when the template declares none of that name. */
  readonly condition: (name: string) => boolean | undefined;
  /** The type of a resource the template declares, undefined when it declares none of that name. */
  readonly declared: (logicalId: string) => string | undefined;
  /** A deployed resource; undefined while it is not (yet) deployed. */
  readonly resource: (logicalId: string) => ResolvedResource | undefined;
  readonly importValue: (name: string) => string | undefined;
}

/** Thrown when a value needs a resource that is not deployed yet (static checks skip such values). */
export class ResourceNotAvailable extends Error {
  readonly logicalId: string;
  constructor(logicalId: string) {
    super(`Resource ${logicalId} is not available yet`);
    this.logicalId = logicalId;
  }
}

/** Resolves every intrinsic function in `value`. `path` names the value in error messages. */
export function resolveValue(value: unknown, ctx: ResolutionContext, path = ''): unknown {
  if (Array.isArray(value)) {
    return value
      .map((item, i) => resolveValue(item, ctx, `${path}/${i}`))
      .filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const name = intrinsicName(value);
  if (name) return resolveFunction(name, (value as Record<string, unknown>)[name], ctx, `${path}/${name}`);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveValue(item, ctx, `${path}/${key}`);
    if (resolved !== NO_VALUE) result[key] = resolved;
  }
  return result;
}

/** Evaluates a condition expression: `{ Condition: name }`, a condition function, or a boolean. */
export function resolveCondition(value: unknown, ctx: ResolutionContext, path = ''): boolean {
  if (intrinsicName(value, true) === 'Condition') {
    const name = (value as { Condition: unknown }).Condition;
    const result = typeof name === 'string' ? ctx.condition(name) : undefined;
    if (result === undefined) throw templateError(`Template error: unresolved condition dependency ${name}`);
    return result;
  }
  const resolved = resolveValue(value, ctx, path);
  if (resolved === true || resolved === 'true') return true;
  if (resolved === false || resolved === 'false') return false;
  throw templateError(`Template error: ${path || 'condition'} does not evaluate to a boolean`);
}

type FunctionImpl = (args: any, ctx: ResolutionContext, path: string) => unknown;

const FUNCTIONS: Record<string, FunctionImpl> = {
  Ref: (args, ctx) => ref(args, ctx),
  'Fn::GetAtt': (args, ctx, path) => getAtt(args, ctx, path),
  'Fn::Join': join,
  'Fn::Sub': sub,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': ifFunction,
  'Fn::Equals': (args, ctx, path) => equals(args, ctx, path),
  'Fn::Not': (args, ctx, path) => {
    if (!Array.isArray(args) || args.length !== 1) {
      throw templateError('Template error: every Fn::Not object requires a list of 1 condition');
    }
    return !resolveCondition(args[0], ctx, `${path}/0`);
  },
  'Fn::And': (args, ctx, path) =>
    conditionList('Fn::And', args).every((c, i) => resolveCondition(c, ctx, `${path}/${i}`)),
  'Fn::Or': (args, ctx, path) =>
    conditionList('Fn::Or', args).some((c, i) => resolveCondition(c, ctx, `${path}/${i}`)),
  'Fn::FindInMap': findInMap,
  'Fn::GetAZs': (args, ctx, path) =>
    availabilityZones(stringArg(resolveValue(args, ctx, path), 'Fn::GetAZs') || ctx.region),
  'Fn::Base64': (args, ctx, path) =>
    Buffer.from(stringArg(resolveValue(args, ctx, path), 'Fn::Base64'), 'utf8').toString('base64'),
  'Fn::ImportValue': (args, ctx, path) => {
    const name = stringArg(resolveValue(args, ctx, path), 'Fn::ImportValue');
    const value = ctx.importValue(name);
    if (value === undefined) throw templateError(`No export named ${name} found.`);
    return value;
  },
  'Fn::Cidr': (args, ctx, path) => {
    const [block, count, bits] = listArg(resolveValue(args, ctx, path), 'Fn::Cidr', 3);
    return cidrSubnets(String(block), Number(count), Number(bits));
  },
  'Fn::Contains': (args, ctx, path) => {
    const [list, item] = listArg(resolveValue(args, ctx, path), 'Fn::Contains', 2);
    return asList(list, 'Fn::Contains').some((member) => same(member, item));
  },
  'Fn::EachMemberEquals': (args, ctx, path) => {
    const [list, item] = listArg(resolveValue(args, ctx, path), 'Fn::EachMemberEquals', 2);
    return asList(list, 'Fn::EachMemberEquals').every((member) => same(member, item));
  },
  'Fn::EachMemberIn': (args, ctx, path) => {
    const [list, allowed] = listArg(resolveValue(args, ctx, path), 'Fn::EachMemberIn', 2);
    const pool = asList(allowed, 'Fn::EachMemberIn');
    return asList(list, 'Fn::EachMemberIn').every((member) => pool.some((a) => same(a, member)));
  },
};

function resolveFunction(name: string, args: unknown, ctx: ResolutionContext, path: string): unknown {
  const impl = FUNCTIONS[name];
  if (impl) return impl(args, ctx, path);
  throw unsupportedFunction(name);
}

export function unsupportedFunction(name: string) {
  if (UNSUPPORTED_FUNCTIONS.has(name)) {
    return templateError(`Template format error: Stratus does not support the intrinsic function ${name}.`);
  }
  return templateError(
    `Template format error: Encountered unsupported function: ${name} Supported functions are: [${AWS_FUNCTIONS.join(', ')}]`,
  );
}

function ref(target: unknown, ctx: ResolutionContext): unknown {
  if (typeof target !== 'string')
    throw templateError('Template format error: Every Ref object must have a single String value.');
  if (target === 'AWS::NoValue') return NO_VALUE;
  if (ctx.refs.has(target)) return ctx.refs.get(target);
  if (!ctx.declared(target)) {
    throw templateError(
      `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template`,
    );
  }
  const resource = ctx.resource(target);
  if (!resource) throw new ResourceNotAvailable(target);
  return resource.physicalId;
}

function getAtt(args: unknown, ctx: ResolutionContext, path: string): unknown {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    [logicalId, attribute] = dot < 0 ? [args, ''] : [args.slice(0, dot), args.slice(dot + 1)];
  } else if (Array.isArray(args) && args.length === 2) {
    logicalId = args[0];
    attribute = resolveValue(args[1], ctx, `${path}/1`);
  }
  if (typeof logicalId !== 'string' || typeof attribute !== 'string' || !logicalId || !attribute) {
    throw templateError(
      'Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute',
    );
  }
  const type = ctx.declared(logicalId);
  if (!type)
    throw templateError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
  const resource = ctx.resource(logicalId);
  if (!resource) throw new ResourceNotAvailable(logicalId);
  if (!(attribute in resource.attributes)) {
    throw templateError(`[Error] ${path}: Resource type ${type} does not support attribute {${attribute}}`);
  }
  return resource.attributes[attribute];
}

function join(args: unknown, ctx: ResolutionContext, path: string): string {
  const malformed = () =>
    templateError(
      'Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.',
    );
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') throw malformed();
  const list = resolveValue(args[1], ctx, `${path}/1`);
  if (!Array.isArray(list)) throw malformed();
  return list.map((item) => scalarString(item, 'Fn::Join')).join(args[0]);
}

function sub(args: unknown, ctx: ResolutionContext, path: string): string {
  let text: unknown = args;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(args)) {
    [text] = args;
    const map = args[1] === undefined ? {} : resolveValue(args[1], ctx, `${path}/1`);
    if (args.length !== 2 || map === null || typeof map !== 'object' || Array.isArray(map)) {
      throw templateError(
        "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string",
      );
    }
    variables = map as Record<string, unknown>;
  }
  if (typeof text !== 'string') {
    throw templateError(
      "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string",
    );
  }
  return parseSub(text)
    .map((part) => {
      if ('literal' in part) return part.literal;
      const name = part.variable;
      let value: unknown;
      if (name in variables) value = variables[name];
      else if (name.includes('.') && !ctx.refs.has(name)) {
        const dot = name.indexOf('.');
        value = getAtt([name.slice(0, dot), name.slice(dot + 1)], ctx, path);
      } else value = ref(name, ctx);
      if (value === NO_VALUE || !isScalar(value)) {
        throw templateError(
          `Template error: variable ${name} in Fn::Sub expression does not resolve to a string`,
        );
      }
      return String(value);
    })
    .join('');
}

function select(args: unknown, ctx: ResolutionContext, path: string): unknown {
  const malformed = () =>
    templateError(
      'Template error: Fn::Select requires a list argument with two elements: an integer index and a list',
    );
  if (!Array.isArray(args) || args.length !== 2) throw malformed();
  const index = resolveValue(args[0], ctx, `${path}/0`);
  const list = resolveValue(args[1], ctx, `${path}/1`);
  const position = typeof index === 'number' ? index : typeof index === 'string' ? Number(index) : Number.NaN;
  if (!Number.isInteger(position) || !Array.isArray(list)) throw malformed();
  if (position < 0 || position >= list.length) {
    throw templateError(`Template error: Fn::Select cannot select nonexistent value at index ${position}`);
  }
  return list[position];
}

function split(args: unknown, ctx: ResolutionContext, path: string): string[] {
  const malformed = () =>
    templateError(
      'Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.',
    );
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') throw malformed();
  const source = resolveValue(args[1], ctx, `${path}/1`);
  if (typeof source !== 'string') throw malformed();
  return source.split(args[0]);
}

function ifFunction(args: unknown, ctx: ResolutionContext, path: string): unknown {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    throw templateError(
      'Template error: Fn::If requires a list argument with three elements: a condition name, a value if true and a value if false',
    );
  }
  const result = ctx.condition(args[0]);
  if (result === undefined)
    throw templateError(`Template error: unresolved condition dependency ${args[0]} in Fn::If`);
  return result ? resolveValue(args[1], ctx, `${path}/1`) : resolveValue(args[2], ctx, `${path}/2`);
}

function equals(args: unknown, ctx: ResolutionContext, path: string): boolean {
  if (!Array.isArray(args) || args.length !== 2) {
    throw templateError('Template error: every Fn::Equals object requires a list of 2 string parameters.');
  }
  return same(resolveValue(args[0], ctx, `${path}/0`), resolveValue(args[1], ctx, `${path}/1`));
}

function findInMap(args: unknown, ctx: ResolutionContext, path: string): unknown {
  const [map, top, second] = listArg(resolveValue(args, ctx, path), 'Fn::FindInMap', 3).map((key) =>
    scalarString(key, 'Fn::FindInMap'),
  );
  const value = ctx.mappings?.[map]?.[top]?.[second];
  if (value === undefined)
    throw templateError(`Template error: Unable to get mapping for ${map}::${top}::${second}`);
  return value;
}

function conditionList(name: string, args: unknown): unknown[] {
  if (!Array.isArray(args) || args.length < 2 || args.length > 10) {
    throw templateError(
      `Template error: every ${name} object requires a list of at least 2 and at most 10 conditions`,
    );
  }
  return args;
}

/** The zones Fn::GetAZs lists: us-east-1 has six, the other regions three. */
function availabilityZones(region: string): string[] {
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}

function listArg(value: unknown, name: string, length: number): unknown[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw templateError(`Template error: every ${name} object requires a list of ${length} parameters`);
  }
  return value;
}

function asList(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw templateError(`Template error: ${name} requires a list`);
  return value;
}

function stringArg(value: unknown, name: string): string {
  if (!isScalar(value)) throw templateError(`Template error: ${name} requires a string parameter`);
  return String(value);
}

function scalarString(value: unknown, name: string): string {
  if (!isScalar(value))
    throw templateError(`Template error: every ${name} parameter must resolve to a string`);
  return String(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** CloudFormation compares values as strings (`true` equals `"true"`); lists member by member. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isScalar(a) && isScalar(b)) return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}
