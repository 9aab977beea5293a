import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../services/service.ts';

/**
 * The contract between the CloudFormation engine and the services: one provider per resource
 * type. Providers call their service's own operations, the same path an SDK call takes.
 */
export interface ResourceContext {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly stackId: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** Where CDK's file and zip assets live locally (the bootstrap bucket's objects). */
  readonly assets: AssetResolver;
  /** Reports progress a user can read (`stratus dev` prints it). */
  log(message: string): void;
}

export interface AssetResolver {
  /**
   * The local path of the asset CDK published to `s3://bucket/key`: a directory for a zip
   * asset synthesized from a folder, a file otherwise. Undefined when no such asset is known.
   */
  resolve(bucket: string, key: string): { path: string; kind: 'directory' | 'file' } | undefined;
}

export interface ProvisionResult {
  /** What `Ref` returns and what later updates and deletes receive. */
  readonly physicalId: string;
  /** What `Fn::GetAtt` returns, by attribute name (`Arn`, `RootResourceId`, …). */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export interface ResourceProvider<Props = Record<string, any>> {
  create(props: Props, ctx: ResourceContext): Promise<ProvisionResult>;
  /**
   * Changes the resource in place. Absent: every property change replaces the resource
   * (create the new one, then delete the old one), as CloudFormation does for such types.
   * A result without `attributes` keeps the previous ones.
   */
  update?(physicalId: string, props: Props, previous: Props, ctx: ResourceContext): Promise<ProvisionResult>;
  delete(physicalId: string, props: Props, ctx: ResourceContext): Promise<void>;
  /** Properties whose change requires replacement ("Update requires: Replacement" in AWS's docs). */
  readonly replaceOn?: readonly string[];
}

/** The RequestContext a provider passes to its service's operations (the same path an SDK call takes). */
export function requestContext(ctx: ResourceContext, service: string, operation: string): RequestContext {
  return { requestId: randomUUID(), region: ctx.region, accountId: ctx.accountId, service, operation };
}
