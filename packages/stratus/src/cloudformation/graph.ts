import { templateError } from '../services/cloudformation/errors.ts';
import { intrinsicName } from './intrinsic-names.ts';
import { subVariables } from './sub.ts';
import type { ResourceDeclaration } from './template.ts';

/**
 * The resources a resource depends on: those its properties name through `Ref`, `Fn::GetAtt` and
 * `Fn::Sub`, plus its `DependsOn`. Only the branch of an `Fn::If` its condition selects counts.
 */
export function resourceDependencies(
  resource: ResourceDeclaration,
  isResource: (name: string) => boolean,
  condition: (name: string) => boolean | undefined,
): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const name = intrinsicName(value);
    if (!name) {
      Object.values(value).forEach(visit);
      return;
    }
    const args = (value as Record<string, any>)[name];
    if (name === 'Ref' && typeof args === 'string' && isResource(args)) found.add(args);
    else if (name === 'Fn::GetAtt') {
      const target =
        typeof args === 'string' ? args.split('.')[0] : Array.isArray(args) ? args[0] : undefined;
      if (typeof target === 'string' && isResource(target)) found.add(target);
      if (Array.isArray(args)) visit(args[1]);
    } else if (name === 'Fn::Sub') {
      const [text, variables] = Array.isArray(args) ? args : [args, undefined];
      const own = variables && typeof variables === 'object' ? variables : {};
      if (typeof text === 'string') {
        for (const variable of subVariables(text)) {
          const target = variable.split('.')[0];
          if (!Object.hasOwn(own, variable) && isResource(target)) found.add(target);
        }
      }
      visit(variables);
    } else if (name === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string') {
      const chosen = condition(args[0]);
      if (chosen === undefined) args.slice(1).forEach(visit);
      else visit(chosen ? args[1] : args[2]);
    } else visit(args);
  };
  visit(resource.Properties ?? {});
  const dependsOn = resource.DependsOn;
  for (const target of typeof dependsOn === 'string' ? [dependsOn] : (dependsOn ?? [])) found.add(target);
  return found;
}

/**
 * Orders nodes so each comes after everything it depends on (ties keep the given order).
 * Throws CloudFormation's circular-dependency error naming the nodes that cannot be ordered.
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependencies: ReadonlyMap<string, Set<string>>,
): string[] {
  const remaining = new Map(nodes.map((node) => [node, new Set(dependencies.get(node) ?? [])]));
  const order: string[] = [];
  let progressed = true;
  while (remaining.size && progressed) {
    progressed = false;
    for (const [node, deps] of remaining) {
      if ([...deps].some((dep) => remaining.has(dep))) continue;
      order.push(node);
      remaining.delete(node);
      progressed = true;
    }
  }
  if (remaining.size) {
    throw templateError(`Circular dependency between resources: [${[...remaining.keys()].join(', ')}]`);
  }
  return order;
}
