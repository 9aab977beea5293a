import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { Storage } from '../../state/storage.ts';
import { LambdaErrors } from './errors.ts';
import type { CodeLocation } from './model.ts';

/** AWS's limit on a function's unzipped code. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

interface Owner {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
}

/**
 * Unpacks function code into the instance's storage, one directory per revision:
 * `<revision>/task` holds the code (LAMBDA_TASK_ROOT) and `<revision>/package.json` is an empty
 * manifest that stops Node's package lookup there, as nothing above /var/task influences AWS.
 */
export class CodeStore {
  readonly #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  fromZip(owner: Owner, zip: Uint8Array): CodeLocation {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(zip);
    } catch {
      throw LambdaErrors.invalidParameter(
        'Could not unzip uploaded file. Please check your file, then try to upload again.',
      );
    }
    const total = Object.values(files).reduce((sum, data) => sum + data.length, 0);
    if (total > MAX_UNZIPPED_BYTES) {
      throw LambdaErrors.invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
    }
    const task = this.#newTaskRoot(owner);
    for (const [path, data] of Object.entries(files)) {
      const target = resolve(task, path);
      if (target !== task && !target.startsWith(task + sep)) continue; // a path escaping the root is skipped
      if (path.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    return { directory: task, sha256: sha256(zip), size: zip.length };
  }

  /** A directory asset (what CDK stages for `Code.fromAsset(folder)` and NodejsFunction bundles). */
  fromDirectory(owner: Owner, source: string): CodeLocation {
    const task = this.#newTaskRoot(owner);
    cpSync(source, task, { recursive: true, dereference: true });
    const hash = createHash('sha256');
    let size = 0;
    for (const file of listFiles(task)) {
      const data = readFileSync(file);
      hash.update(relative(task, file)).update('\0').update(data);
      size += data.length;
    }
    return { directory: task, sha256: hash.digest('base64'), size };
  }

  /** Inline source (a template's `Code.ZipFile`): Lambda writes it as index.js for Node.js. */
  fromInline(owner: Owner, source: string): CodeLocation {
    const task = this.#newTaskRoot(owner);
    writeFileSync(join(task, 'index.js'), source);
    return { directory: task, sha256: sha256(Buffer.from(source)), size: Buffer.byteLength(source) };
  }

  /** Removes one revision's code (its environments have stopped). */
  removeRevision(location: CodeLocation): void {
    rmSync(dirname(location.directory), { recursive: true, force: true });
  }

  /** Removes every revision of a function. */
  removeAll(owner: Owner): void {
    rmSync(this.#functionDir(owner), { recursive: true, force: true });
  }

  #newTaskRoot(owner: Owner): string {
    const revision = join(this.#functionDir(owner), randomUUID());
    const task = join(revision, 'task');
    mkdirSync(task, { recursive: true });
    writeFileSync(join(revision, 'package.json'), '{}\n');
    return task;
  }

  #functionDir(owner: Owner): string {
    return this.#storage.directory('lambda', 'code', owner.accountId, owner.region, owner.name);
  }
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (statSync(path).isFile()) files.push(path);
  }
  return files;
}
