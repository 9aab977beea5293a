import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import type { HttpResponse } from '../../protocol/http.ts';
import type { RawRoute } from '../service.ts';
import type { FunctionStore } from './store.ts';

const PREFIX = '/_lambda/code/';

/** Where GetFunction's `Code.Location` points: the function's code as a zip (AWS: a presigned S3 URL). */
export function codeLocation(
  endpoint: string,
  fn: { accountId: string; region: string; name: string },
): string {
  return `${endpoint}${PREFIX}${fn.accountId}/${fn.region}/${fn.name}.zip`;
}

export function codeRoute(store: FunctionStore): RawRoute {
  return {
    name: 'lambda-code',
    match: (probe) => probe.method === 'GET' && probe.path.startsWith(PREFIX),
    handle: async (req) => {
      const [accountId, region, file] = req.path.slice(PREFIX.length).split('/');
      const fn =
        accountId && region && file ? store.get(accountId, region, file.replace(/\.zip$/, '')) : undefined;
      if (!fn) return notFound();
      return {
        status: 200,
        headers: { 'content-type': 'application/zip' },
        body: zipDirectory(fn.code.directory),
      };
    },
  };
}

function zipDirectory(root: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files[relative(root, path)] = readFileSync(path);
    }
  };
  walk(root);
  return zipSync(files);
}

function notFound(): HttpResponse {
  return {
    status: 404,
    headers: { 'content-type': 'application/xml' },
    body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
  };
}
