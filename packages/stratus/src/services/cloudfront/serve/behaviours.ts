import type {
  CacheBehavior,
  DefaultCacheBehavior,
  DistributionConfig,
} from '../../../protocol/models/types/cloudfront.ts';

export type Behaviour = DefaultCacheBehavior | CacheBehavior;

/**
 * The behaviour a path falls under: the first cache behaviour whose PathPattern matches (`*`
 * any run of characters, `?` one, case-sensitive, the leading `/` optional), else the default.
 */
export function behaviourFor(config: DistributionConfig, path: string): Behaviour {
  for (const behaviour of config.CacheBehaviors?.Items ?? []) {
    if (patternMatches(behaviour.PathPattern, path)) return behaviour;
  }
  return config.DefaultCacheBehavior;
}

export function patternMatches(pattern: string, path: string): boolean {
  const normalized = pattern.startsWith('/') ? pattern : `/${pattern}`;
  const source = normalized
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(path);
}

export function allowsMethod(behaviour: Behaviour, method: string): boolean {
  const allowed = behaviour.AllowedMethods?.Items ?? ['GET', 'HEAD'];
  return allowed.includes(method as never);
}
