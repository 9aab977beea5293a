import { templateError } from '../services/cloudformation/errors.ts';
import { AWS_FUNCTIONS, intrinsicName } from './intrinsic-names.ts';
import { unsupportedFunction } from './intrinsics.ts';
import { PSEUDO_PARAMETERS } from './pseudo.ts';
import { subVariables } from './sub.ts';
import type { Template } from './template.ts';

const KNOWN = new Set<string>(AWS_FUNCTIONS);
const PSEUDO = new Set<string>(PSEUDO_PARAMETERS);

type Block = 'Resources' | 'Outputs' | 'Conditions';

/**
 * Checks every name a template's values refer to: functions exist, `Ref`/`Fn::GetAtt`/`Fn::Sub`
 * name declared parameters or resources, `Fn::If` names declared conditions, and no value is null.
 */
export function checkReferences(template: Template): void {
  const check = new ReferenceCheck(template);
  for (const [name, condition] of Object.entries(template.Conditions ?? {})) {
    check.walk(condition, `/Conditions/${name}`, 'Conditions', true);
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined) check.condition(resource.Condition, 'Resources');
    check.walk(resource.Properties ?? {}, `/Resources/${id}/Properties`, 'Resources', false);
    for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      if (resource[attribute] !== undefined)
        check.walk(resource[attribute], `/Resources/${id}/${attribute}`, 'Resources', false);
    }
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined) check.condition(output.Condition, 'Outputs');
    check.walk(output.Value, `/Outputs/${name}/Value`, 'Outputs', false);
    if (output.Export) check.walk(output.Export.Name, `/Outputs/${name}/Export/Name`, 'Outputs', false);
  }
  check.finish();
}

class ReferenceCheck {
  readonly #template: Template;
  readonly #unresolved = new Map<Block, Set<string>>();

  constructor(template: Template) {
    this.#template = template;
  }

  walk(value: unknown, path: string, block: Block, conditionContext: boolean): void {
    if (value === null) throw templateError(`[${path}] 'null' values are not allowed in templates`);
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) this.walk(item, `${path}/${i}`, block, conditionContext);
      return;
    }
    if (typeof value !== 'object') return;
    const name = intrinsicName(value, conditionContext);
    if (!name) {
      for (const [key, item] of Object.entries(value))
        this.walk(item, `${path}/${key}`, block, conditionContext);
      return;
    }
    const args = (value as Record<string, unknown>)[name];
    if (!KNOWN.has(name)) throw unsupportedFunction(name);
    this.#visit(name, args, block);
    const inner = name === 'Fn::And' || name === 'Fn::Or' || name === 'Fn::Not' || conditionContext;
    this.walk(args, `${path}/${name}`, block, inner);
  }

  condition(name: unknown, block: Block): void {
    if (typeof name !== 'string' || !Object.hasOwn(this.#template.Conditions ?? {}, name)) {
      throw templateError(
        `Template format error: Unresolved condition dependencies [${name}] in the ${block} block of the template`,
      );
    }
  }

  finish(): void {
    for (const [block, names] of this.#unresolved) {
      const list = `[${[...names].join(', ')}]`;
      throw templateError(
        block === 'Conditions'
          ? `Template format error: Unresolved dependencies ${list}. Cannot reference resources in the Conditions block of the template`
          : `Template format error: Unresolved resource dependencies ${list} in the ${block} block of the template`,
      );
    }
  }

  #visit(name: string, args: unknown, block: Block): void {
    if (name === 'Ref' && typeof args === 'string') this.#name(args, block);
    if (name === 'Fn::GetAtt') this.#getAtt(args, block);
    if (name === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string') {
      if (!Object.hasOwn(this.#template.Conditions ?? {}, args[0])) {
        throw templateError(`Template error: unresolved condition dependency ${args[0]} in Fn::If`);
      }
    }
    if (name === 'Condition') this.condition(args, block);
    if (name === 'Fn::Sub') {
      const [text, variables] = Array.isArray(args) ? args : [args, {}];
      if (typeof text !== 'string') return;
      const own = variables && typeof variables === 'object' ? variables : {};
      for (const variable of subVariables(text)) {
        if (Object.hasOwn(own, variable)) continue;
        const dot = variable.indexOf('.');
        if (dot > 0) this.#resource(variable.slice(0, dot), block);
        else this.#name(variable, block);
      }
    }
  }

  #getAtt(args: unknown, block: Block): void {
    const target = typeof args === 'string' ? args.split('.')[0] : Array.isArray(args) ? args[0] : undefined;
    if (typeof target === 'string' && target && !this.#isResource(target)) {
      if (block === 'Conditions') this.#missing(target, block);
      else
        throw templateError(`Template error: instance of Fn::GetAtt references undefined resource ${target}`);
    }
  }

  #name(name: string, block: Block): void {
    if (PSEUDO.has(name) || Object.hasOwn(this.#template.Parameters ?? {}, name)) return;
    if (block !== 'Conditions' && this.#isResource(name)) return;
    this.#missing(name, block);
  }

  #resource(name: string, block: Block): void {
    if (block === 'Conditions' || !this.#isResource(name)) this.#missing(name, block);
  }

  #isResource(name: string): boolean {
    return Object.hasOwn(this.#template.Resources, name);
  }

  #missing(name: string, block: Block): void {
    let names = this.#unresolved.get(block);
    if (!names) this.#unresolved.set(block, (names = new Set()));
    names.add(name);
  }
}
