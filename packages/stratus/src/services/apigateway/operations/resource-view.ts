import type { Resource } from '../shapes.ts';

/**
 * A resource as the API returns it: methods in full when embedded (`embed=methods`),
 * otherwise only their names, as AWS lists them.
 */
export function resourceView(resource: Resource, embedMethods: boolean): Resource {
  const methods = resource.resourceMethods;
  if (!methods || Object.keys(methods).length === 0) {
    const { resourceMethods: _omitted, ...rest } = resource;
    return rest;
  }
  if (embedMethods) return resource;
  const names = Object.fromEntries(Object.keys(methods).map((name) => [name, {}]));
  return { ...resource, resourceMethods: names as Resource['resourceMethods'] };
}
