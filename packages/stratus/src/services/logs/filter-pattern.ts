import { LogsErrors } from './errors.ts';

/** A compiled filter pattern: does a log event's message match it? */
export type MessageFilter = (message: string) => boolean;

/**
 * Compiles CloudWatch Logs' unstructured filter syntax: terms and "quoted phrases" that must
 * all appear (case-sensitive), `?term` alternatives of which one must appear, `-term` exclusions,
 * and `%regex%`. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns are refused
 * with a clear error rather than matched wrongly.
 */
export function compileFilterPattern(pattern: string | undefined): MessageFilter {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw LogsErrors.invalidParameter(
      `Stratus does not support JSON or space-delimited filter patterns yet ('${text}'); ` +
        'use terms, "quoted phrases", ?alternatives, -exclusions or %regex%.',
    );
  }
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    const regex = compileRegex(text.slice(1, -1));
    return (message) => regex.test(message);
  }
  const required: string[] = [];
  const anyOf: string[] = [];
  const excluded: string[] = [];
  for (const token of tokenize(text)) {
    if (!token.quoted && token.value.startsWith('?') && token.value.length > 1)
      anyOf.push(token.value.slice(1));
    else if (!token.quoted && token.value.startsWith('-') && token.value.length > 1)
      excluded.push(token.value.slice(1));
    else required.push(token.value);
  }
  return (message) =>
    required.every((term) => message.includes(term)) &&
    (anyOf.length === 0 || anyOf.some((term) => message.includes(stripQuotes(term)))) &&
    !excluded.some((term) => message.includes(stripQuotes(term)));
}

interface Token {
  readonly value: string;
  readonly quoted: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw LogsErrors.invalidParameter('Invalid filter pattern: unterminated quote.');
      i++;
      tokens.push({ value, quoted: true });
      continue;
    }
    let value = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      // `?"two words"` and `-"two words"` keep their quoted phrase together.
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end === -1) throw LogsErrors.invalidParameter('Invalid filter pattern: unterminated quote.');
        value += text.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      value += text[i];
      i++;
    }
    tokens.push({ value, quoted: false });
  }
  return tokens;
}

function stripQuotes(term: string): string {
  return term.length >= 2 && term.startsWith('"') && term.endsWith('"') ? term.slice(1, -1) : term;
}

function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw LogsErrors.invalidParameter(`Invalid regular expression in filter pattern: %${source}%`);
  }
}
