import type { EventRun } from '../services/logs/store.ts';
import { style } from './output.ts';

/**
 * How long function log lines may wait to be printed together. Under load every request brings
 * START, END and REPORT; a write per turn of the event loop was a system call (and a wake-up of
 * whoever reads the terminal or pipe) every few requests.
 */
const PRINT_DELAY_MS = 20;

/**
 * Lambda's own lines (START, END, REPORT) printed per function and second; above that they are
 * counted and summed up once the second is over. Under a load test they were tens of thousands of
 * lines a second, which no one reads and which cost the terminal (and Stratus) more than the
 * requests. The function's own output is always printed, and every line is in CloudWatch Logs.
 */
const PLATFORM_LINES_PER_SECOND = 60;
const WINDOW_MS = 1000;

/** One function's platform lines in the current second. */
interface Window {
  readonly startedAt: number;
  printed: number;
  /** Invocations (REPORT lines) whose platform lines were not printed. */
  omitted: number;
}

/** `stratus dev`'s console for function logs: `[function] line`, written at most every 20 ms. */
export class LogPrinter {
  readonly #write: (text: string) => void;
  readonly #prefixes = new Map<string, string>();
  readonly #windows = new Map<string, Window>();
  #text = '';
  #timer: NodeJS.Timeout | undefined;
  #summaryTimer: NodeJS.Timeout | undefined;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  print(runs: readonly EventRun[]): void {
    let text = this.#text;
    const now = Date.now();
    for (const { group, events, closing } of runs) {
      // An invocation's closing lines are admitted or left out together, unread (one REPORT among them).
      if (closing && !this.#admit(group, events.length, 1, now)) continue;
      for (const { message } of events) {
        const admitted =
          closing ||
          !isPlatformLine(message) ||
          this.#admit(group, 1, message.startsWith('REPORT') ? 1 : 0, now);
        if (!admitted) continue;
        const prefix = this.#prefix(group);
        const end = message.endsWith('\n') ? message.length - 1 : message.length;
        // Most events are one line (START, END, REPORT): no split.
        if (message.indexOf('\n') >= end) text += `${prefix}${message.slice(0, end)}\n`;
        else for (const line of message.slice(0, end).split('\n')) text += `${prefix}${line}\n`;
      }
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

  /**
   * Whether `lines` platform lines of this function (holding `reports` REPORT lines) still fit in its
   * second, closing the last second first.
   */
  #admit(logGroupName: string, lines: number, reports: number, now: number): boolean {
    let window = this.#windows.get(logGroupName);
    if (window && now - window.startedAt >= WINDOW_MS) {
      this.#summarize(logGroupName, window);
      window = undefined;
    }
    if (!window) this.#windows.set(logGroupName, (window = { startedAt: now, printed: 0, omitted: 0 }));
    if (window.printed < PLATFORM_LINES_PER_SECOND) {
      window.printed += lines;
      return true;
    }
    window.omitted += reports;
    if (!this.#summaryTimer) {
      this.#summaryTimer = setTimeout(() => this.#summarizeAll(), window.startedAt + WINDOW_MS - now).unref();
    }
    return false;
  }

  /** Closes every second with omitted lines (when the load stops, no later line would). */
  #summarizeAll(): void {
    this.#summaryTimer = undefined;
    for (const [logGroupName, window] of this.#windows) this.#summarize(logGroupName, window);
    this.#windows.clear();
    this.flush();
  }

  #summarize(logGroupName: string, window: Window): void {
    this.#windows.delete(logGroupName);
    if (window.omitted === 0) return;
    const count = window.omitted === 1 ? '1 more invocation' : `${window.omitted} more invocations`;
    this.#text += `${this.#prefix(logGroupName)}${style.dim(
      `… ${count} in that second: their START/END/REPORT lines are in CloudWatch Logs (aws logs tail ${logGroupName})`,
    )}\n`;
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

/** Lambda's START, END and REPORT lines. */
function isPlatformLine(message: string): boolean {
  return (
    message.startsWith('REPORT RequestId: ') ||
    message.startsWith('START RequestId: ') ||
    message.startsWith('END RequestId: ')
  );
}
