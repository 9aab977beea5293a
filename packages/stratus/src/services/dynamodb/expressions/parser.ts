/**
 * A recursive-descent parser for DynamoDB's expression language, shared by condition, filter,
 * key-condition, update and projection expressions. It only builds the tree: syntax errors are
 * thrown here, everything else (names, values, functions, types) is checked by check.ts.
 */
import type {
  CallNode,
  Comparator,
  Condition,
  Operand,
  PathElement,
  PathNode,
  UpdateAction,
  ValueNode,
} from './ast.ts';
import { ExpressionSyntaxError, syntaxMessage, type Token, tokenize } from './tokens.ts';

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const SECTIONS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);

export class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #at = 0;
  /** Parsing an update expression (whose clause keywords are reserved by its grammar). */
  #update = false;
  /** Update sections seen twice (`SET a = :a SET b = :b`), reported by the checker. */
  repeatedSection: string | undefined;
  /** `((a = b))` or `((a))`: AWS refuses doubled parentheses. */
  redundantParens = false;
  /** Positions where `(` does not open a condition: keeps the backtracking linear. */
  readonly #notCondition = new Set<number>();

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parseCondition(): Condition {
    const condition = this.#or();
    this.#expectEnd();
    return condition;
  }

  parseProjection(): PathNode[] {
    const paths = [this.#path()];
    while (this.#acceptPunct(',')) paths.push(this.#path());
    this.#expectEnd();
    return paths;
  }

  parseUpdate(): UpdateAction[] {
    this.#update = true;
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    do {
      const token = this.#peek();
      const section = token.kind === 'ident' ? token.text.toUpperCase() : '';
      if (!SECTIONS.has(section)) this.#fail();
      this.#at++;
      if (seen.has(section)) this.repeatedSection ??= section;
      seen.add(section);
      do actions.push(this.#updateAction(section));
      while (this.#acceptPunct(','));
    } while (this.#peek().kind !== 'eof');
    return actions;
  }

  #updateAction(section: string): UpdateAction {
    const path = this.#path();
    if (section === 'REMOVE') return { type: 'REMOVE', path };
    if (section === 'SET') {
      this.#expectPunct('=');
      return { type: 'SET', path, value: this.#setValue() };
    }
    const value = this.#peek();
    if (value.kind !== 'value') this.#fail();
    this.#at++;
    return { type: section as 'ADD' | 'DELETE', path, value: { type: 'value', ref: value.text } };
  }

  #setValue(): Operand {
    const left = this.#setOperand();
    const op = this.#peek();
    if (op.kind === 'punct' && (op.text === '+' || op.text === '-')) {
      this.#at++;
      return { type: 'arithmetic', op: op.text, left, right: this.#setOperand() };
    }
    return left;
  }

  #setOperand(): Operand {
    if (this.#acceptPunct('(')) {
      const inner = this.#setValue();
      this.#expectPunct(')');
      if (inner.parens) this.redundantParens = true;
      return { ...inner, parens: true };
    }
    return this.#operand(() => this.#setValue());
  }

  #or(): Condition {
    let left = this.#and();
    while (this.#acceptKeyword('OR')) left = { type: 'or', left, right: this.#and() };
    return left;
  }

  #and(): Condition {
    let left = this.#not();
    while (this.#acceptKeyword('AND')) left = { type: 'and', left, right: this.#not() };
    return left;
  }

  #not(): Condition {
    if (this.#acceptKeyword('NOT')) return { type: 'not', condition: this.#not() };
    return this.#primary();
  }

  #primary(): Condition {
    if (this.#isPunct('(') && !this.#notCondition.has(this.#at)) {
      // `(condition)` or `(operand) < x`: try the condition first, fall back to an operand.
      const start = this.#at;
      try {
        this.#at++;
        const inner = this.#or();
        this.#expectPunct(')');
        const next = this.#peek();
        const continues =
          (next.kind === 'punct' && COMPARATORS.has(next.text)) ||
          (next.kind === 'ident' && ['BETWEEN', 'IN'].includes(next.text.toUpperCase()));
        if (!continues) {
          if (inner.parens) this.redundantParens = true;
          return { ...inner, parens: true };
        }
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
      }
      this.#notCondition.add(start);
      this.#at = start;
    }
    const left = this.#conditionOperand();
    const next = this.#peek();
    if (next.kind === 'punct' && COMPARATORS.has(next.text)) {
      this.#at++;
      return { type: 'compare', op: next.text as Comparator, left, right: this.#conditionOperand() };
    }
    if (this.#acceptKeyword('BETWEEN')) {
      const lower = this.#conditionOperand();
      if (!this.#acceptKeyword('AND')) this.#fail();
      return { type: 'between', value: left, lower, upper: this.#conditionOperand() };
    }
    if (this.#acceptKeyword('IN')) {
      this.#expectPunct('(');
      const list = [this.#conditionOperand()];
      while (this.#acceptPunct(',')) list.push(this.#conditionOperand());
      this.#expectPunct(')');
      return { type: 'in', value: left, list };
    }
    if (left.type === 'call' && !left.parens) return { type: 'function', call: left };
    return this.#fail();
  }

  #conditionOperand(): Operand {
    if (this.#acceptPunct('(')) {
      const inner = this.#conditionOperand();
      this.#expectPunct(')');
      if (inner.parens) this.redundantParens = true;
      return { ...inner, parens: true };
    }
    return this.#operand(() => this.#conditionOperand());
  }

  /** A path, a value or a function call whose arguments `argument` parses. */
  #operand(argument: () => Operand): Operand {
    const token = this.#peek();
    if (token.kind === 'value') {
      this.#at++;
      return { type: 'value', ref: token.text } satisfies ValueNode;
    }
    if (
      token.kind === 'ident' &&
      this.#tokens[this.#at + 1].text === '(' &&
      !KEYWORDS.has(token.text.toUpperCase())
    ) {
      this.#at += 2;
      const args = [argument()];
      while (this.#acceptPunct(',')) args.push(argument());
      this.#expectPunct(')');
      return { type: 'call', name: token.text, args } satisfies CallNode;
    }
    return this.#path();
  }

  #path(): PathNode {
    // In an update expression the clause keywords are the grammar's, never an attribute name.
    const first = this.#peek();
    if (this.#update && first.kind === 'ident' && SECTIONS.has(first.text.toUpperCase())) this.#fail();
    const elements: PathElement[] = [this.#attribute()];
    for (;;) {
      if (this.#acceptPunct('.')) elements.push(this.#attribute());
      else if (this.#acceptPunct('[')) {
        const index = this.#peek();
        if (index.kind !== 'number') this.#fail();
        this.#at++;
        this.#expectPunct(']');
        elements.push({ kind: 'index', index: Number(index.text) });
      } else return { type: 'path', elements };
    }
  }

  #attribute(): PathElement {
    const token = this.#peek();
    if (token.kind === 'name') {
      this.#at++;
      return { kind: 'attribute', text: token.text, name: token.text, placeholder: true };
    }
    if (token.kind !== 'ident' || KEYWORDS.has(token.text.toUpperCase())) this.#fail();
    this.#at++;
    return { kind: 'attribute', text: token.text, name: token.text, placeholder: false };
  }

  #peek(): Token {
    return this.#tokens[this.#at];
  }

  #isPunct(text: string): boolean {
    const token = this.#peek();
    return token.kind === 'punct' && token.text === text;
  }

  #acceptPunct(text: string): boolean {
    if (!this.#isPunct(text)) return false;
    this.#at++;
    return true;
  }

  #expectPunct(text: string): void {
    if (!this.#acceptPunct(text)) this.#fail();
  }

  #acceptKeyword(word: string): boolean {
    const token = this.#peek();
    if (token.kind !== 'ident' || token.text.toUpperCase() !== word) return false;
    this.#at++;
    return true;
  }

  #expectEnd(): void {
    if (this.#peek().kind !== 'eof') this.#fail();
  }

  #fail(): never {
    throw new ExpressionSyntaxError(syntaxMessage(this.#source, this.#tokens, this.#at));
  }
}
