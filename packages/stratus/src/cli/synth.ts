import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CliError } from './errors.ts';

export interface SynthOptions {
  readonly appDir: string;
  readonly accountId: string;
  readonly region: string;
  /** Synthesize even when the sources have not changed since the last synth. */
  readonly force?: boolean;
  readonly onOutput?: (line: string) => void;
}

export interface SynthResult {
  readonly outDir: string;
  /** False when the cached cloud assembly was reused. */
  readonly synthesized: boolean;
  readonly durationMs: number;
}

/** The path of the app's cdk.json; a folder without one is not a CDK app. */
export function requireCdkApp(appDir: string): string {
  const cdkJsonPath = join(appDir, 'cdk.json');
  if (!existsSync(cdkJsonPath)) {
    throw new CliError(
      `No cdk.json in ${appDir}`,
      'stratus dev expects the folder of a CDK app (the one with cdk.json).',
    );
  }
  return cdkJsonPath;
}

const HASH_FILE = '.stratus-synth-hash';
const SKIPPED_DIRS = new Set(['node_modules', 'cdk.out', '.stratus', '.git', 'test', 'web-dist']);

/**
 * Runs a CDK app the way `cdk synth` does (the app command from cdk.json, with the context and
 * environment the CDK CLI passes) into `<appDir>/cdk.out`, skipping the run when a hash of the
 * app's sources matches the previous synth.
 */
export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const appDir = resolve(options.appDir);
  const cdkJsonPath = requireCdkApp(appDir);
  const cdkJson = readJson(cdkJsonPath) as {
    app?: string;
    context?: Record<string, unknown>;
    output?: string;
  };
  if (!cdkJson.app)
    throw new CliError(`cdk.json in ${appDir} has no "app" command`, 'Add e.g. "app": "node bin/app.ts".');
  const outDir = join(appDir, cdkJson.output ?? 'cdk.out');
  const hash = hashSources(appDir);
  const hashFile = join(outDir, HASH_FILE);
  if (!options.force && existsSync(hashFile) && readFileSync(hashFile, 'utf8') === hash) {
    return { outDir, synthesized: false, durationMs: 0 };
  }

  const contextFile = join(appDir, 'cdk.context.json');
  const context = {
    ...(cdkJson.context ?? {}),
    ...(existsSync(contextFile) ? (readJson(contextFile) as object) : {}),
  };
  const started = performance.now();
  await runApp(
    cdkJson.app,
    appDir,
    {
      CDK_OUTDIR: outDir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      CDK_DEFAULT_ACCOUNT: options.accountId,
      CDK_DEFAULT_REGION: options.region,
      CDK_CLI_ASM_VERSION: '55.0.0',
    },
    options.onOutput,
  );
  if (!existsSync(join(outDir, 'manifest.json'))) {
    throw new CliError(`The CDK app wrote no cloud assembly`, `expected ${join(outDir, 'manifest.json')}`);
  }
  writeFileSync(hashFile, hash);
  return { outDir, synthesized: true, durationMs: performance.now() - started };
}

function runApp(
  command: string,
  cwd: string,
  env: Record<string, string>,
  onOutput: ((line: string) => void) | undefined,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, {
      cwd,
      shell: true,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        lines.push(line);
        onOutput?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) =>
      reject(new CliError(`Could not run the CDK app (${command})`, error.message)),
    );
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else {
        const tail = lines.slice(-15).join('\n');
        reject(new CliError(`The CDK app failed to synthesize (${command} exited with ${code})`, tail));
      }
    });
  });
}

/** A hash of every source file of the app (names, sizes, contents), outside build output. */
export function hashSources(appDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.') && entry.name !== '.env') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        hash.update(relative(appDir, path));
        hash.update(String(statSync(path).size));
        hash.update(readFileSync(path));
      }
    }
  };
  walk(appDir);
  return hash.digest('hex');
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`Could not read ${path}`, (error as Error).message);
  }
}
