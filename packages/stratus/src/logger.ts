/** Where an instance reports what it does; the CLI prints it, tests keep it quiet. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, cause?: unknown): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
