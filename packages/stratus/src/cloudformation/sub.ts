/** One piece of an `Fn::Sub` string: literal text or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubPart = { readonly literal: string } | { readonly variable: string };

/**
 * Splits an `Fn::Sub` string. `${!Literal}` stands for the text `${Literal}`; a `${` without a
 * closing `}` is kept as text, as CloudFormation does.
 */
export function parseSub(text: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) break;
    literal += text.slice(index, start);
    const inner = text.slice(start + 2, end);
    if (inner.startsWith('!')) {
      literal += `\${${inner.slice(1)}}`;
    } else {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ variable: inner.trim() });
    }
    index = end + 1;
  }
  literal += text.slice(index);
  if (literal) parts.push({ literal });
  return parts;
}

/** The variables an `Fn::Sub` string names (its `${…}` placeholders, `${!…}` excluded). */
export function subVariables(text: string): string[] {
  return parseSub(text).flatMap((part) => ('variable' in part ? [part.variable] : []));
}
