import { templateError } from '../services/cloudformation/errors.ts';
import { evaluateConditions } from './conditions.ts';
import { resourceDependencies, topologicalOrder } from './graph.ts';
import { intrinsicName } from './intrinsic-names.ts';
import { type ResolutionContext, ResourceNotAvailable, resolveValue } from './intrinsics.ts';
import { type ResolvedParameters, resolveParameters, type SsmLookup } from './parameters.ts';
import type { ResourceProvider } from './provider.ts';
import { pseudoParameters, type StackIdentity } from './pseudo.ts';
import { checkReferences } from './references.ts';
import { checkRules } from './rules.ts';
import { checkStructure } from './structure.ts';
import type { Template } from './template.ts';

/** A template checked and evaluated as far as it can be before any resource exists. */
export interface PreparedTemplate {
  readonly template: Template;
  readonly parameters: ResolvedParameters;
  /** Pseudo parameters and parameters: what `Ref` returns for names that are not resources. */
  readonly refs: ReadonlyMap<string, unknown>;
  readonly conditions: ReadonlyMap<string, boolean>;
  /** The resources whose Condition holds, each after what it depends on. */
  readonly order: readonly string[];
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface PrepareInput {
  readonly template: unknown;
  readonly identity: StackIdentity;
  readonly parameters: Readonly<Record<string, string>>;
  readonly ssm: SsmLookup;
  readonly provider: (type: string) => ResourceProvider | undefined;
  readonly importValue: (name: string) => string | undefined;
}

/**
 * Everything CloudFormation checks before it creates anything: the template's shape and names,
 * parameters, rules, conditions, providers for every resource type, the dependency graph (cycles
 * included) and the exports the template imports. Throws ValidationError; nothing is changed.
 */
export function prepareTemplate(input: PrepareInput): PreparedTemplate {
  const template = checkStructure(input.template);
  checkReferences(template);
  const parameters = resolveParameters(template, input.parameters, input.ssm);
  const refs = new Map([...pseudoParameters(input.identity), ...parameters.values]);
  const base = {
    region: input.identity.region,
    refs,
    mappings: template.Mappings,
    declared: () => undefined,
    resource: () => undefined,
    importValue: input.importValue,
  };
  const conditions = evaluateConditions(template.Conditions, base);
  const ctx: ResolutionContext = {
    ...base,
    condition: (name) => conditions.get(name),
    declared: (id) => template.Resources[id]?.Type,
  };
  checkRules(template, ctx);

  const active = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Condition === undefined || conditions.get(resource.Condition))
    .map(([id]) => id);
  checkProviders(template, active, input.provider);
  const isActive = new Set(active);
  const dependencies = new Map<string, Set<string>>();
  for (const id of active) {
    const deps = resourceDependencies(
      template.Resources[id],
      (name) => Object.hasOwn(template.Resources, name),
      (name) => conditions.get(name),
    );
    const inactive = [...deps].filter((dep) => !isActive.has(dep));
    if (inactive.length) {
      throw templateError(
        `Template format error: Unresolved resource dependencies [${inactive.join(', ')}] in the Resources block of the template`,
      );
    }
    dependencies.set(id, deps);
  }
  const order = topologicalOrder(active, dependencies);
  checkImports(template, active, ctx);
  return { template, parameters, refs, conditions, order, dependencies };
}

/** A resource type without a provider fails the deploy up front, naming each such resource. */
function checkProviders(
  template: Template,
  active: readonly string[],
  provider: (type: string) => ResourceProvider | undefined,
): void {
  const missing = active.filter((id) => !provider(template.Resources[id].Type));
  if (missing.length === 0) return;
  const list = missing.map((id) => `${id} (${template.Resources[id].Type})`).join(', ');
  throw templateError(
    `Stratus has no provider for these resources' types, so it cannot deploy them: ${list}.`,
  );
}

/** Fn::ImportValue names that need no resource are checked now, as CloudFormation does. */
function checkImports(template: Template, active: readonly string[], ctx: ResolutionContext): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const name = intrinsicName(value);
      const args = (value as Record<string, any>)[name ?? ''];
      if (name === 'Fn::If' && Array.isArray(args)) {
        visit(ctx.condition(args[0]) ? args[1] : args[2]);
      } else if (name === 'Fn::ImportValue') {
        try {
          resolveValue(value, ctx);
        } catch (error) {
          if (!(error instanceof ResourceNotAvailable)) throw error;
        }
      } else Object.values(value).forEach(visit);
    }
  };
  for (const id of active) visit(template.Resources[id].Properties);
}
