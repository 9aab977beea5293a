/** Replaces `${stageVariables.name}` in an integration URI or credentials, as API Gateway does. */
export function substituteStageVariables(
  text: string,
  variables: Record<string, string> | undefined,
): string {
  if (!text.includes('${')) return text;
  return text.replace(/\$\{stageVariables\.([a-zA-Z0-9_]+)\}/g, (_, name: string) => variables?.[name] ?? '');
}
