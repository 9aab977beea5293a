import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ErrorPayload } from './messages.ts';

/** Where a handler string points: the module file and the export path inside it. */
export interface ResolvedHandler {
  readonly file?: string;
  readonly exportPath: string;
  /** Why the runtime cannot load it, as the Node.js runtime reports it at init. */
  readonly error?: ErrorPayload;
}

const EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

/**
 * Resolves `index.handler`, `dir/file.handler` or `file.nested.fn` against the task root, the
 * way the Node.js runtime does (module = up to the first dot of the last path segment), ahead of
 * the cold start so the worker only has to import one file.
 */
export function resolveHandler(taskRoot: string, handler: string): ResolvedHandler {
  if (handler.includes('..')) return malformed("'../' not allowed in handler path");
  const last = basename(handler);
  const moduleRoot = handler.slice(0, handler.length - last.length);
  const match = /^([^.]*)\.(.*)$/.exec(last);
  if (!match) return malformed('Bad handler');
  const [, moduleName, exportPath] = match as unknown as [string, string, string];
  const base = resolve(taskRoot, moduleRoot, moduleName);
  for (const extension of EXTENSIONS) {
    const file = base + extension;
    if (existsSync(file) && statSync(file).isFile()) return { file, exportPath };
  }
  return {
    exportPath,
    error: {
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`,
      trace: [
        `Runtime.ImportModuleError: Error: Cannot find module '${moduleName}'`,
        'Require stack:',
        '- /var/runtime/index.mjs',
      ],
    },
  };
}

function malformed(message: string): ResolvedHandler {
  return {
    exportPath: '',
    error: { errorType: 'Runtime.MalformedHandlerName', errorMessage: message, trace: [] },
  };
}
