// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's ${…} placeholders, not JavaScript's.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { templateError } from '../services/cloudformation/errors.ts';
import { topologicalOrder } from './graph.ts';
import type { AssetResolver } from './provider.ts';
import { parseTemplate } from './template.ts';

/** One stack of a synthesized CDK app (`cdk.out`). */
export interface AssemblyStack {
  readonly artifactId: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly templateBody: string;
  readonly template: unknown;
  /** The region the stack is pinned to; undefined for environment-agnostic stacks. */
  readonly region: string | undefined;
  /** Parameter values synthesized into the manifest (`cdk deploy --parameters` equivalents). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Artifact ids of the stacks that must be deployed first. */
  readonly dependencies: readonly string[];
}

/** A file asset as CDK publishes it: `s3://bucketName/objectKey` ← `source.path` in cdk.out. */
interface FileAsset {
  readonly bucketName: string;
  readonly objectKey: string;
  readonly path: string;
}

export interface CloudAssembly {
  readonly directory: string;
  /** Every stack, in an order that deploys each after the stacks it depends on. */
  readonly stacks: readonly AssemblyStack[];
  /** Where the assets published to the bootstrap bucket of this account and region are, locally. */
  assets(accountId: string, region: string): AssetResolver;
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: Record<string, any>;
  readonly dependencies?: readonly string[];
  readonly displayName?: string;
}

/** Reads `cdk.out`: manifest.json, its stack templates and asset manifests, nested assemblies included. */
export async function loadCloudAssembly(directory: string): Promise<CloudAssembly> {
  const root = resolve(directory);
  const stacks: AssemblyStack[] = [];
  const assets: FileAsset[] = [];
  await readAssembly(root, stacks, assets);
  const byId = new Map(stacks.map((stack) => [stack.artifactId, stack]));
  const dependencies = new Map(
    stacks.map((stack) => [stack.artifactId, new Set(stack.dependencies.filter((dep) => byId.has(dep)))]),
  );
  const order = topologicalOrder(
    stacks.map((stack) => stack.artifactId),
    dependencies,
  );
  return {
    directory: root,
    stacks: order.map((id) => byId.get(id)!),
    assets: (accountId, region) => fileAssetResolver(assets, accountId, region),
  };
}

async function readAssembly(directory: string, stacks: AssemblyStack[], assets: FileAsset[]): Promise<void> {
  const manifestFile = join(directory, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw templateError(
      `No cloud assembly in ${directory}: manifest.json is missing (run \`cdk synth\` first).`,
    );
  }
  const manifest = readJson(manifestFile) as { artifacts?: Record<string, ManifestArtifact> };
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const properties = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = join(directory, properties.templateFile);
      const templateBody = readFileSync(templateFile, 'utf8');
      stacks.push({
        artifactId: id,
        stackName: properties.stackName ?? id,
        templateFile,
        templateBody,
        template: await parseTemplate(templateBody),
        region: environmentRegion(artifact.environment),
        parameters: properties.parameters ?? {},
        dependencies: artifact.dependencies ?? [],
      });
    } else if (artifact.type === 'cdk:asset-manifest') {
      assets.push(...readAssetManifest(directory, join(directory, properties.file)));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      await readAssembly(join(directory, properties.directoryName), stacks, assets);
    }
  }
}

function readAssetManifest(directory: string, file: string): FileAsset[] {
  const manifest = readJson(file) as {
    files?: Record<string, { source?: { path?: string }; destinations?: Record<string, any> }>;
  };
  return Object.values(manifest.files ?? {}).flatMap((asset) => {
    const path = asset.source?.path;
    if (!path) return [];
    return Object.values(asset.destinations ?? {}).map((destination) => ({
      bucketName: String(destination.bucketName),
      objectKey: String(destination.objectKey),
      path: join(directory, path),
    }));
  });
}

function fileAssetResolver(assets: readonly FileAsset[], accountId: string, region: string): AssetResolver {
  const fill = (text: string) =>
    text
      .replaceAll('${AWS::AccountId}', accountId)
      .replaceAll('${AWS::Region}', region)
      .replaceAll('${AWS::Partition}', 'aws');
  const byLocation = new Map(
    assets.map((asset) => [`${fill(asset.bucketName)}/${fill(asset.objectKey)}`, asset.path]),
  );
  return {
    resolve(bucket, key) {
      const path = byLocation.get(`${bucket}/${key}`);
      if (!path || !existsSync(path)) return undefined;
      return { path, kind: statSync(path).isDirectory() ? 'directory' : 'file' };
    },
  };
}

/** `aws://123456789012/us-east-1` → `us-east-1`; agnostic (`unknown-region`) → undefined. */
function environmentRegion(environment: string | undefined): string | undefined {
  const region = environment?.split('/')[3];
  return !region || region === 'unknown-region' ? undefined : region;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw templateError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** An AssetResolver that knows no asset (bare templates). */
export const NO_ASSETS: AssetResolver = { resolve: () => undefined };
