/** The parsed forms of condition, update, projection and key-condition expressions. */
import type { AttributeValue } from '../attribute-value.ts';

/** `a`, `#a` (resolved to `name` once checked) or `[3]`. */
export type PathElement =
  | { kind: 'attribute'; text: string; name: string; placeholder: boolean }
  | { kind: 'index'; index: number };

export interface PathNode {
  readonly type: 'path';
  readonly elements: PathElement[];
  parens?: boolean;
}

export interface ValueNode {
  readonly type: 'value';
  readonly ref: string;
  value?: AttributeValue;
  parens?: boolean;
}

export interface CallNode {
  readonly type: 'call';
  readonly name: string;
  readonly args: Operand[];
  parens?: boolean;
}

export interface ArithmeticNode {
  readonly type: 'arithmetic';
  readonly op: '+' | '-';
  readonly left: Operand;
  readonly right: Operand;
  parens?: boolean;
}

export type Operand = PathNode | ValueNode | CallNode | ArithmeticNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition = (
  | { readonly type: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly type: 'between'; readonly value: Operand; readonly lower: Operand; readonly upper: Operand }
  | { readonly type: 'in'; readonly value: Operand; readonly list: Operand[] }
  | { readonly type: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly type: 'not'; readonly condition: Condition }
  | { readonly type: 'function'; readonly call: CallNode }
) & { parens?: boolean };

export type UpdateAction =
  | { readonly type: 'SET'; readonly path: PathNode; readonly value: Operand }
  | { readonly type: 'REMOVE'; readonly path: PathNode }
  | { readonly type: 'ADD' | 'DELETE'; readonly path: PathNode; readonly value: ValueNode };

/** Element names as AWS prints a path in messages: `[a, b, [3]]`. */
export function pathText(path: PathNode): string {
  return `[${path.elements.map((e) => (e.kind === 'index' ? `[${e.index}]` : e.name)).join(', ')}]`;
}
