import { templateError } from '../services/cloudformation/errors.ts';

/**
 * YAML templates through the `yaml` package (v2; v1's document API works as well), loaded on
 * demand so JSON-only users need nothing more. The short forms become their long forms:
 * `!Ref X` → `{ Ref: X }`, `!Condition X` → `{ Condition: X }`, `!Sub …` → `{ 'Fn::Sub': … }`.
 */
export async function parseYamlTemplate(text: string): Promise<unknown> {
  const yaml = await loadYaml();
  const doc = yaml.parseDocument(text, { prettyErrors: true, strict: false, uniqueKeys: false });
  const [error] = doc.errors ?? [];
  if (error) {
    // v2 reports [start, end?]; v1 reports { start, end }.
    const position = Array.isArray(error.linePos) ? error.linePos[0] : error.linePos?.start;
    const where = position?.line ? ` (line ${position.line}, column ${position.col})` : '';
    throw templateError(`Template format error: YAML not well-formed.${where}`);
  }
  return toPlain(yaml, doc, doc.contents);
}

/** The package name in a variable so the type checker does not require it to be installed. */
const yamlPackage = 'yaml';

async function loadYaml(): Promise<any> {
  try {
    return await import(yamlPackage);
  } catch {
    throw templateError(
      'Template format error: this template is YAML, and Stratus reads YAML templates only when the `yaml` ' +
        'npm package is installed. Install it (npm install yaml) or give the template as JSON (CDK synthesizes JSON).',
    );
  }
}

function toPlain(yaml: any, doc: any, node: any): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(yaml, node)) return toPlain(yaml, doc, node.resolve ? node.resolve(doc) : node.source);
  let value: unknown;
  if (Array.isArray(node.items)) {
    value = isMap(yaml, node)
      ? Object.fromEntries(
          node.items.map((pair: any) => [
            String(toPlain(yaml, doc, pair.key)),
            toPlain(yaml, doc, pair.value),
          ]),
        )
      : node.items.map((item: any) => toPlain(yaml, doc, item));
  } else {
    value = node.value;
  }
  const tag: unknown = node.tag;
  if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!'))
    return longForm(tag.slice(1), value);
  return value;
}

function longForm(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  return { [`Fn::${name}`]: value };
}

function isMap(yaml: any, node: any): boolean {
  return typeof yaml.isMap === 'function'
    ? yaml.isMap(node)
    : node.type === 'MAP' || node.type === 'FLOW_MAP';
}

function isAlias(yaml: any, node: any): boolean {
  return typeof yaml.isAlias === 'function' ? yaml.isAlias(node) : node.type === 'ALIAS';
}
