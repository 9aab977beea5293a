import { templateError } from '../services/cloudformation/errors.ts';
import { parseYamlTemplate } from './template-yaml.ts';

/** A CloudFormation template as the engine reads it (JSON or YAML, parsed). */
export interface Template {
  readonly AWSTemplateFormatVersion?: string;
  readonly Description?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Parameters?: Record<string, ParameterDeclaration>;
  readonly Rules?: Record<string, RuleDeclaration>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Transform?: unknown;
  readonly Resources: Record<string, ResourceDeclaration>;
  readonly Outputs?: Record<string, OutputDeclaration>;
}

export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly AllowedPattern?: string;
  readonly MinLength?: number | string;
  readonly MaxLength?: number | string;
  readonly MinValue?: number | string;
  readonly MaxValue?: number | string;
  readonly NoEcho?: boolean | string;
  readonly Description?: string;
  readonly ConstraintDescription?: string;
}

export interface RuleDeclaration {
  readonly RuleCondition?: unknown;
  readonly Assertions?: readonly { readonly Assert: unknown; readonly AssertDescription?: string }[];
}

export interface ResourceDeclaration {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: unknown;
  readonly UpdateReplacePolicy?: unknown;
  readonly Metadata?: Record<string, unknown>;
}

export interface OutputDeclaration {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/**
 * Parses a template body. JSON first (what CDK synthesizes); anything that does not start like
 * JSON is read as YAML with CloudFormation's short forms (`!Ref`, `!Sub`, `!GetAtt` …).
 */
export async function parseTemplate(body: string): Promise<unknown> {
  const text = body.replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return parseJsonTemplate(text);
  return parseYamlTemplate(text);
}

function parseJsonTemplate(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, error);
    throw templateError(`Template format error: JSON not well-formed. (line ${line}, column ${column})`);
  }
}

/** Node reports `at position N` (older) or `(line L column C)` (newer V8). */
function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
