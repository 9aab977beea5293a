import type { LogEventNotice } from '../services/logs/core.ts';
import { style } from './output.ts';

/**
 * How long function log lines may wait to be printed together. Under load every request brings
 * START, END and REPORT; a write per turn of the event loop was a system call (and a wake-up of
 * whoever reads the terminal or pipe) every few requests.
 */
const PRINT_DELAY_MS = 20;

/** `stratus dev`'s console for function logs: `[function] line`, written at most every 20 ms. */
export class LogPrinter {
  readonly #write: (text: string) => void;
  readonly #prefixes = new Map<string, string>();
  #text = '';
  #timer: NodeJS.Timeout | undefined;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  print(events: readonly LogEventNotice[]): void {
    let text = this.#text;
    for (const event of events) {
      const prefix = this.#prefix(event.logGroupName);
      const message = event.message;
      const end = message.endsWith('\n') ? message.length - 1 : message.length;
      // Most events are one line (START, END, REPORT): no split.
      if (message.indexOf('\n') >= end) text += `${prefix}${message.slice(0, end)}\n`;
      else for (const line of message.slice(0, end).split('\n')) text += `${prefix}${line}\n`;
    }
    this.#text = text;
    if (text && !this.#timer) {
      this.#timer = setTimeout(() => this.flush(), PRINT_DELAY_MS);
      this.#timer.unref();
    }
  }

  /** Writes what waits now (before other output that must come after it, and at the end). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const text = this.#text;
    this.#text = '';
    if (text) this.#write(text);
  }

  /** `[name] ` dimmed, for `/aws/lambda/name`; other groups keep their whole name. */
  #prefix(logGroupName: string): string {
    let prefix = this.#prefixes.get(logGroupName);
    if (prefix === undefined) {
      prefix = `${style.dim(`[${logGroupName.replace(/^\/aws\/lambda\//, '')}]`)} `;
      if (this.#prefixes.size >= 1000) this.#prefixes.clear();
      this.#prefixes.set(logGroupName, prefix);
    }
    return prefix;
  }
}
