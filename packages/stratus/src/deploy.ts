import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Stratus } from './stratus.ts';

/** One line of deploy progress: which stack, which resource, what happened. */
export interface DeployEvent {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

export interface DeployedStack {
  readonly stackName: string;
  readonly status: string;
  readonly outputs: readonly { OutputKey?: string; OutputValue?: string; ExportName?: string }[];
}

export interface DeployRequest {
  /** A cloud assembly folder (with manifest.json) or a template file (JSON or YAML). */
  readonly path: string;
  readonly region: string;
  /** For a bare template; defaults to the file's base name. */
  readonly stackName?: string;
  readonly onEvent?: (event: DeployEvent) => void;
}

/** Deploys a cloud assembly or a bare template into an instance, as `cdk deploy` / `aws cloudformation deploy` would. */
export async function deployPath(stratus: Stratus, request: DeployRequest): Promise<DeployedStack[]> {
  const path = resolve(request.path);
  if (!existsSync(path)) throw new Error(`Nothing to deploy at ${path}`);
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, 'manifest.json'))) {
      throw new Error(
        `${path} is not a cloud assembly (no manifest.json): synthesize the CDK app first, or use stratus dev`,
      );
    }
    return stratus.cloudformation.deployAssembly(path, { region: request.region, onEvent: request.onEvent });
  }
  const stackName =
    request.stackName ??
    basename(path, extname(path))
      .replace(/\.template$/, '')
      .replace(/[^A-Za-z0-9-]/g, '-');
  const stack = await stratus.cloudformation.deployTemplate(path, {
    stackName,
    region: request.region,
    onEvent: request.onEvent,
  });
  return [stack];
}
