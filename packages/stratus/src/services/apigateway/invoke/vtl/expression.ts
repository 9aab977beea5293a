import type { Expr, Reference, Segment } from './ast.ts';

/** Reads VTL expressions: literals, references, lists, `!`, comparisons, `&&` / `||` (and, or, not). */
export class ExpressionReader {
  readonly #text: string;
  pos: number;

  constructor(text: string, pos = 0) {
    this.#text = text;
    this.pos = pos;
  }

  get done(): boolean {
    this.#skipSpace();
    return this.pos >= this.#text.length;
  }

  expression(): Expr {
    return this.#binary(0);
  }

  /** Consumes `token` (after spaces) if it comes next. */
  accept(token: string): boolean {
    this.#skipSpace();
    if (!this.#text.startsWith(token, this.pos)) return false;
    const after = this.#text[this.pos + token.length];
    if (/^[a-z]+$/.test(token) && after && /[A-Za-z0-9_]/.test(after)) return false;
    this.pos += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.accept(token)) throw new SyntaxError(`expected '${token}' at ${this.pos} in ${this.#text}`);
  }

  /** `$name…` or `${name…}` starting at the `$`. */
  reference(): Reference {
    this.#skipSpace();
    if (this.#text[this.pos] !== '$') throw new SyntaxError(`expected a reference at ${this.pos}`);
    this.pos++;
    if (this.#text[this.pos] === '!') this.pos++;
    const braced = this.#text[this.pos] === '{';
    if (braced) this.pos++;
    const name = this.#identifier(false);
    const chain: Segment[] = [];
    for (;;) {
      const c = this.#text[this.pos];
      if (c === '.' && /[A-Za-z_]/.test(this.#text[this.pos + 1] ?? '')) {
        this.pos++;
        const member = this.#identifier(true);
        if (this.#text[this.pos] === '(') {
          this.pos++;
          chain.push({ kind: 'call', name: member, args: this.#arguments(')') });
        } else chain.push({ kind: 'prop', name: member });
      } else if (c === '[') {
        this.pos++;
        const index = this.expression();
        this.expect(']');
        chain.push({ kind: 'index', index });
      } else break;
    }
    if (braced) this.expect('}');
    return { kind: 'ref', name, chain };
  }

  static readonly #LEVELS = [
    ['||', 'or'],
    ['&&', 'and'],
    ['==', '!=', '<=', '>=', '<', '>'],
  ];

  #binary(level: number): Expr {
    if (level === ExpressionReader.#LEVELS.length) return this.#unary();
    let left = this.#binary(level + 1);
    for (;;) {
      const op = ExpressionReader.#LEVELS[level]!.find((candidate) => this.accept(candidate));
      if (!op) return left;
      const normalized = op === 'or' ? '||' : op === 'and' ? '&&' : op;
      left = { kind: 'binary', op: normalized, left, right: this.#binary(level + 1) };
    }
  }

  #unary(): Expr {
    if (this.accept('!') || this.accept('not')) return { kind: 'not', operand: this.#unary() };
    this.#skipSpace();
    const c = this.#text[this.pos];
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '$') return this.reference();
    if (c === '"' || c === "'") return { kind: 'literal', value: this.#string(c) };
    if (c === '[') {
      this.pos++;
      return { kind: 'list', items: this.#arguments(']') };
    }
    const number = /^-?\d+(\.\d+)?/.exec(this.#text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.accept(word)) return { kind: 'literal', value };
    }
    throw new SyntaxError(`unexpected '${c ?? 'end'}' at ${this.pos} in ${this.#text}`);
  }

  #arguments(close: string): Expr[] {
    const args: Expr[] = [];
    if (this.accept(close)) return args;
    do args.push(this.expression());
    while (this.accept(','));
    this.expect(close);
    return args;
  }

  #string(quote: string): string {
    const end = this.#text.indexOf(quote, this.pos + 1);
    if (end === -1) throw new SyntaxError(`unterminated string at ${this.pos}`);
    const value = this.#text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  /** Member names may hold `-`, as in `$context.responseOverride.header.Access-Control-Allow-Origin`. */
  #identifier(member: boolean): string {
    const pattern = member ? /^[A-Za-z_][A-Za-z0-9_-]*/ : /^[A-Za-z_][A-Za-z0-9_]*/;
    const match = pattern.exec(this.#text.slice(this.pos));
    if (!match) throw new SyntaxError(`expected a name at ${this.pos} in ${this.#text}`);
    this.pos += match[0].length;
    return match[0];
  }

  #skipSpace(): void {
    while (this.pos < this.#text.length && /\s/.test(this.#text[this.pos]!)) this.pos++;
  }
}
