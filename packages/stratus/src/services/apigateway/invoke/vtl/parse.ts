import type { Expr, Node } from './ast.ts';
import { ExpressionReader } from './expression.ts';

/** An open `#if` or `#foreach`: where its body goes and how it closes. */
interface Block {
  readonly parent: Node[];
  readonly close: () => Node;
  readonly branches?: Array<{ condition: Expr; body: Node[] }>;
  readonly otherwise?: Node[];
}

const DIRECTIVE = /^#\{?(set|if|elseif|else|end|foreach)\}?/;

/**
 * Parses a mapping template: text, `$references`, `#set`, `#if/#elseif/#else/#end`, `#foreach`
 * and comments. A directive alone on its line takes the line with it, as Velocity's line
 * gobbling does.
 */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const blocks: Block[] = [];
  let nodes = root;
  let text = '';
  const flush = () => {
    if (text) nodes.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    const rest = template.slice(i);
    if (rest.startsWith('##')) {
      // A line comment takes its newline with it.
      const end = template.indexOf('\n', i);
      i = end === -1 ? template.length : end + 1;
      continue;
    }
    if (rest.startsWith('#*')) {
      const end = template.indexOf('*#', i + 2);
      i = end === -1 ? template.length : end + 2;
      continue;
    }
    const directive = DIRECTIVE.exec(rest);
    if (directive) {
      const lineStart = template.lastIndexOf('\n', i - 1) + 1;
      const aloneBefore = /^[ \t]*$/.test(template.slice(lineStart, i));
      const reader = new ExpressionReader(template, i + directive[0].length);
      const name = directive[1]!;
      if (aloneBefore) text = text.replace(/[ \t]*$/, '');
      flush();
      if (name === 'set') {
        reader.expect('(');
        const target = reader.reference();
        reader.expect('=');
        const value = reader.expression();
        reader.expect(')');
        nodes.push({ kind: 'set', target, value });
      } else if (name === 'if') {
        reader.expect('(');
        const branches = [{ condition: reader.expression(), body: [] as Node[] }];
        reader.expect(')');
        const otherwise: Node[] = [];
        blocks.push({
          parent: nodes,
          branches,
          otherwise,
          close: () => ({ kind: 'if', branches, otherwise }),
        });
        nodes = branches[0]!.body;
      } else if (name === 'elseif' || name === 'else') {
        const block = blocks.at(-1);
        if (!block?.branches) throw new SyntaxError(`#${name} without #if`);
        if (name === 'elseif') {
          reader.expect('(');
          block.branches.push({ condition: reader.expression(), body: [] });
          reader.expect(')');
          nodes = block.branches.at(-1)!.body;
        } else nodes = block.otherwise!;
      } else if (name === 'foreach') {
        reader.expect('(');
        const variable = reader.reference().name;
        reader.expect('in');
        const items = reader.expression();
        reader.expect(')');
        const body: Node[] = [];
        blocks.push({ parent: nodes, close: () => ({ kind: 'foreach', variable, items, body }) });
        nodes = body;
      } else {
        const block = blocks.pop();
        if (!block) throw new SyntaxError('#end without #if or #foreach');
        nodes = block.parent;
        nodes.push(block.close());
      }
      i = reader.pos;
      const after = /^[ \t]*(\r?\n|$)/.exec(template.slice(i));
      if (aloneBefore && after) i += after[0].length;
      continue;
    }
    if (/^\$!?\{?[A-Za-z_]/.test(rest)) {
      flush();
      const reader = new ExpressionReader(template, i);
      const ref = reader.reference();
      nodes.push({ kind: 'output', ref, quiet: rest[1] === '!', source: template.slice(i, reader.pos) });
      i = reader.pos;
      continue;
    }
    text += template[i];
    i++;
  }
  flush();
  if (blocks.length) throw new SyntaxError('#if or #foreach without #end');
  return root;
}
