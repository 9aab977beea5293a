/** A failure the CLI reports as one clear line plus its cause, without a stack trace. */
export class CliError extends Error {
  readonly detail: string | undefined;

  constructor(message: string, detail?: string) {
    super(message);
    this.name = 'CliError';
    this.detail = detail;
  }
}

/** Prints an error as `stratus: <what failed>` and an indented cause; the stack only with STRATUS_DEBUG. */
export function formatError(error: unknown): string {
  if (error instanceof CliError) {
    return error.detail ? `stratus: ${error.message}\n${indent(error.detail)}` : `stratus: ${error.message}`;
  }
  const err = error as { message?: string; code?: string; cause?: { message?: string } };
  const lines = [`stratus: ${err?.message ?? String(error)}`];
  if (err?.cause?.message) lines.push(indent(`cause: ${err.cause.message}`));
  if (process.env.STRATUS_DEBUG && error instanceof Error && error.stack) lines.push(error.stack);
  else lines.push(indent('(set STRATUS_DEBUG=1 for the stack trace)'));
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
