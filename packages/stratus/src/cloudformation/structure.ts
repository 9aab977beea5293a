import { templateError } from '../services/cloudformation/errors.ts';
import type { Template } from './template.ts';

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
]);
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
  'Version',
  'Description',
]);
const PARAMETER_PROPERTIES = new Set([
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'MinLength',
  'MaxLength',
  'MinValue',
  'MaxValue',
  'NoEcho',
  'Description',
  'ConstraintDescription',
]);
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

/** Checks the sections' shapes, as CloudFormation does before reading any value. */
export function checkStructure(raw: unknown): Template {
  if (!isObject(raw)) throw templateError('Template format error: unsupported structure.');
  const unknown = Object.keys(raw).filter((key) => !SECTIONS.has(key));
  if (unknown.length) throw templateError(`Invalid template property or properties [${unknown.join(', ')}]`);
  if (raw.AWSTemplateFormatVersion !== undefined && String(raw.AWSTemplateFormatVersion) !== '2010-09-09') {
    throw templateError(
      `Template format error: Unsupported template version: ${raw.AWSTemplateFormatVersion}`,
    );
  }
  if (raw.Transform !== undefined) {
    throw templateError(
      `Template format error: Stratus does not run template transforms (Transform: ${JSON.stringify(raw.Transform)}); deploy the processed template instead.`,
    );
  }
  checkResources(raw.Resources);
  checkParameters(raw.Parameters);
  checkMappings(raw.Mappings);
  checkOutputs(raw.Outputs);
  if (raw.Conditions !== undefined && !isObject(raw.Conditions)) {
    throw templateError('Template format error: Conditions must be an object');
  }
  return raw as unknown as Template;
}

function checkResources(resources: unknown): void {
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    throw templateError('Template format error: At least one Resources member must be defined.');
  }
  for (const [id, resource] of Object.entries(resources)) {
    if (!ALPHANUMERIC.test(id))
      throw templateError(`Template format error: Resource name ${id} is non alphanumeric.`);
    if (!isObject(resource))
      throw templateError('Template format error: Any Resources member must be an object.');
    if (typeof resource.Type !== 'string') {
      throw templateError(
        `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`,
      );
    }
    const invalid = Object.keys(resource).find((key) => !RESOURCE_ATTRIBUTES.has(key));
    if (invalid) throw templateError(`Invalid template resource property '${invalid}'`);
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      throw templateError(
        `Template format error: [/Resources/${id}/Properties] Properties must be an object`,
      );
    }
    const dependsOn = resource.DependsOn;
    const targets = typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
    if (dependsOn !== undefined && (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string'))) {
      throw templateError('Template format error: DependsOn must be a string or list of strings.');
    }
    const missing = (targets ?? []).filter((t: string) => !Object.hasOwn(resources, t));
    if (missing.length) {
      throw templateError(
        `Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the Resources block of the template`,
      );
    }
    if (resource.Condition !== undefined && typeof resource.Condition !== 'string') {
      throw templateError('Template format error: Every Condition member must be a string.');
    }
  }
}

function checkParameters(parameters: unknown): void {
  if (parameters === undefined) return;
  if (!isObject(parameters)) throw templateError('Template format error: Parameters must be an object');
  for (const [name, parameter] of Object.entries(parameters)) {
    if (!ALPHANUMERIC.test(name))
      throw templateError(`Template format error: Parameter name ${name} is non alphanumeric.`);
    if (!isObject(parameter) || typeof parameter.Type !== 'string') {
      throw templateError('Template format error: Every Parameters object must contain a Type member.');
    }
    const invalid = Object.keys(parameter).find((key) => !PARAMETER_PROPERTIES.has(key));
    if (invalid) throw templateError(`Invalid template parameter property '${invalid}'`);
  }
}

function checkMappings(mappings: unknown): void {
  if (mappings === undefined) return;
  if (!isObject(mappings)) throw templateError('Template format error: Mappings must be an object');
  for (const [name, mapping] of Object.entries(mappings)) {
    if (!isObject(mapping))
      throw templateError(`Template format error: Every Mappings member ${name} must be a map`);
    for (const entry of Object.values(mapping)) {
      if (!isObject(entry))
        throw templateError(`Template format error: Every Mappings member ${name} must be a map`);
      for (const value of Object.values(entry)) {
        if (typeof value !== 'string' && typeof value !== 'number' && !Array.isArray(value)) {
          throw templateError('Template format error: Every Mappings attribute must be a String or a List.');
        }
      }
    }
  }
}

function checkOutputs(outputs: unknown): void {
  if (outputs === undefined) return;
  if (!isObject(outputs)) throw templateError('Template format error: Outputs must be an object');
  for (const [name, output] of Object.entries(outputs)) {
    if (!ALPHANUMERIC.test(name))
      throw templateError(`Template format error: Output name ${name} is non alphanumeric.`);
    if (!isObject(output) || output.Value === undefined) {
      throw templateError('Template format error: Every Outputs member must contain a Value object');
    }
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
