/**
 * Values a service already holds as JSON text (a stored DynamoDB item): answers of the JSON protocol
 * splice the text in as it is, instead of parsing it into values only to serialize them again. The
 * text must be exactly what writing the parsed value would give (json-writers.ts passes a JsonText
 * through untouched), and it may stand as a member of the answer's top-level structure or as an item
 * of a list there (GetItem's Item, Query's Items): deeper ones are not looked for.
 */
export class JsonText {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** JSON.stringify of a JSON answer's body, with the JsonText of its top-level members spliced in. */
export function stringifyAnswer(body: unknown): string {
  if (typeof body !== 'object' || body === null || !holdsText(body as Record<string, unknown>)) {
    return JSON.stringify(body);
  }
  const record = body as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(record)) {
    const value = record[key];
    const text =
      value instanceof JsonText ? value.text : Array.isArray(value) ? listText(value) : JSON.stringify(value);
    // JSON.stringify leaves out members whose value has no JSON form (undefined).
    if (text === undefined) continue;
    out += `${out === '' ? '{' : ','}${JSON.stringify(key)}:${text}`;
  }
  return out === '' ? '{}' : `${out}}`;
}

function holdsText(record: Record<string, unknown>): boolean {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value instanceof JsonText) return true;
    if (Array.isArray(value) && value.some((item) => item instanceof JsonText)) return true;
  }
  return false;
}

function listText(list: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    // In a list, what has no JSON form is written as null, as JSON.stringify does.
    out += `${i === 0 ? '' : ','}${item instanceof JsonText ? item.text : (JSON.stringify(item) ?? 'null')}`;
  }
  return `${out}]`;
}
