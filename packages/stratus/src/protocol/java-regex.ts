/**
 * AWS models state `pattern` constraints as Java regular expressions, matched against the
 * whole value. This translates what JavaScript can express (POSIX classes, \A and \z,
 * possessive quantifiers, needless escapes) and gives up, returning undefined, on what it
 * cannot (class intersections, unknown escapes): an untranslatable pattern is skipped, never
 * turned into a false validation error.
 */
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

const UNICODE_ALIASES: Record<string, string> = {
  IsAlphabetic: 'Alphabetic',
  IsLetter: 'L',
  IsDigit: 'Nd',
  IsWhite_Space: 'White_Space',
  IsWhiteSpace: 'White_Space',
  javaLowerCase: 'Lowercase',
  javaUpperCase: 'Uppercase',
  javaWhitespace: 'White_Space',
};

/** Letter escapes that mean the same in JavaScript. */
const JS_ESCAPES = new Set('dDwWsSbBnrtfv0cxuk');

export function compileJavaPattern(pattern: string): RegExp | undefined {
  const caseless = pattern.startsWith('(?i)');
  const source = translate(caseless ? pattern.slice(4) : pattern);
  if (source === undefined) return undefined;
  const flags = caseless ? 'i' : '';
  try {
    return new RegExp(`^(?:${source})$`, `u${flags}`);
  } catch {
    // Without Unicode properties the lenient (Annex B) syntax accepts Java's stray `]`, `{`, `\-`.
    if (/\\[pPu]\{/.test(source)) return undefined;
    try {
      return new RegExp(`^(?:${source})$`, flags);
    } catch {
      return undefined;
    }
  }
}

function translate(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  /** Whether the last thing written was a quantifier (so a `+` after it makes it possessive). */
  let quantified = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') quantified = false;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      i++;
      if (next === 'p' || next === 'P') {
        const match = /^\{(\w+)\}/.exec(pattern.slice(i + 1));
        if (!match) return undefined;
        i += match[0].length;
        const piece = property(match[1], next === 'P', inClass);
        if (piece === undefined) return undefined;
        out += piece;
      } else if (next === 'A') {
        out += '^';
      } else if (next === 'z' || next === 'Z') {
        out += '$';
      } else if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 1);
        const literal = pattern.slice(i + 1, end === -1 ? undefined : end);
        for (const c of literal) out += escapeLiteral(c, inClass);
        i = end === -1 ? pattern.length : end + 1;
      } else if (/[a-zA-Z0-9]/.test(next)) {
        if (!JS_ESCAPES.has(next)) return undefined;
        out += `\\${next}`;
      } else {
        out += escapeLiteral(next, inClass);
      }
      continue;
    }
    if (inClass) {
      if (ch === '&' && pattern[i + 1] === '&') return undefined;
      if (ch === '[') return undefined; // Java's nested class unions
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      quantified = false;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '+' && quantified) {
      quantified = false;
      continue; // possessive quantifier: greedy is close enough for validation
    }
    const repeat = ch === '{' ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(i)) : null;
    if (repeat) {
      out += repeat[0];
      i += repeat[0].length - 1;
      quantified = true;
      continue;
    }
    quantified = ch === '*' || ch === '+' || ch === '?';
    out += ch;
  }
  return inClass ? undefined : out;
}

/** Java lets any punctuation be escaped; with the `u` flag JavaScript allows only syntax characters. */
function escapeLiteral(ch: string, inClass: boolean): string {
  if (ch === '-') return inClass ? '\\-' : '-';
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function property(name: string, negated: boolean, inClass: boolean): string | undefined {
  const posix = POSIX[name];
  if (posix !== undefined) {
    if (inClass) return negated ? undefined : posix;
    return negated ? `[^${posix}]` : `[${posix}]`;
  }
  const unicode = UNICODE_ALIASES[name] ?? name.replace(/^Is/, '');
  return `\\${negated ? 'P' : 'p'}{${unicode}}`;
}
