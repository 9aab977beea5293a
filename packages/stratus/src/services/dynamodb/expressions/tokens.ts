/** The tokens of DynamoDB's expression language, with AWS's syntax error format. */
export type TokenKind = 'ident' | 'name' | 'value' | 'number' | 'punct' | 'eof' | 'bad';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCT = ['<>', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];
const WORD = /[A-Za-z0-9_]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && WORD.test(source[i])) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9]/.test(source[i])) i++;
      tokens.push({ kind: 'number', text: source.slice(start, i), start, end: i });
    } else if ((c === '#' || c === ':') && i + 1 < source.length && WORD.test(source[i + 1])) {
      i++;
      while (i < source.length && WORD.test(source[i])) i++;
      tokens.push({ kind: c === '#' ? 'name' : 'value', text: source.slice(start, i), start, end: i });
    } else {
      const punct = PUNCT.find((p) => source.startsWith(p, i));
      // Code points, not UTF-16 halves, for characters outside the BMP.
      const text = punct ?? String.fromCodePoint(source.codePointAt(i)!);
      i += text.length;
      tokens.push({ kind: punct ? 'punct' : 'bad', text, start, end: i });
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}

/** `Syntax error; token: "x", near: "a x b"`: the token with its neighbours, as AWS prints it. */
export function syntaxMessage(source: string, tokens: readonly Token[], at: number): string {
  const token = tokens[at];
  const from = at > 0 ? tokens[at - 1].start : token.start;
  const next = tokens[at + 1];
  const to = next && next.kind !== 'eof' ? next.end : token.kind === 'eof' ? source.length : token.end;
  return `Syntax error; token: "${token.text}", near: "${source.slice(from, to)}"`;
}

export class ExpressionSyntaxError extends Error {}
