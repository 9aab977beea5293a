import { compile } from '../../../protocol/compiled.ts';
import type { Shape } from '../../../protocol/model.ts';
import { loadModel } from '../../../protocol/models/index.ts';

/** CloudFormation property names that differ from the API's member names (API name → CFN name). */
const RENAMED: Readonly<Record<string, string>> = {
  CustomHeaders: 'OriginCustomHeaders',
  OriginSslProtocols: 'OriginSSLProtocols',
  ACMCertificateArn: 'AcmCertificateArn',
  IAMCertificateId: 'IamCertificateId',
  SSLSupportMethod: 'SslSupportMethod',
};

/** Lists CFN names otherwise than `Items` in a `{Quantity, Items}` shape. */
const ITEMS_NAMED: Readonly<Record<string, string>> = { GeoRestriction: 'Locations' };

/**
 * A CloudFormation configuration (`DistributionConfig`, `CachePolicyConfig`, …) in the API's
 * form, walked along the API shape: CFN's plain lists become `{Quantity, Items}`, a behaviour's
 * `AllowedMethods` and `CachedMethods` lists nest as the API nests them, numbers and booleans
 * given as strings are typed, and CFN-only properties are dropped.
 */
export function apiForm<T>(shapeName: string, value: unknown): T {
  return convert(shapeName, value) as T;
}

function convert(shapeName: string, value: unknown): unknown {
  const c = compile(loadModel('cloudfront'));
  const shape = c.shape(shapeName);
  switch (shape.type) {
    case 'structure':
      return structure(shapeName, shape, value);
    case 'list': {
      const list = Array.isArray(value) ? value : [value];
      return list.map((item) => convert(shape.member!.shape, item));
    }
    case 'integer':
    case 'long':
      return Number(value);
    case 'boolean':
      return value === true || value === 'true';
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

function structure(shapeName: string, shape: Shape, raw: unknown): Record<string, unknown> {
  const members = shape.members ?? {};
  const value = behaviourMethods(shapeName, raw);
  const out: Record<string, unknown> = {};
  if (members.Quantity && members.Items) {
    const lists = (value ?? {}) as Record<string, unknown[] | undefined>;
    const items = Array.isArray(value)
      ? value
      : (lists.Items ?? lists[ITEMS_NAMED[shapeName] ?? 'Items'] ?? []);
    out.Quantity = items.length;
    if (items.length > 0) out.Items = convert(members.Items.shape, items);
    if (members.Enabled) out.Enabled = items.length > 0;
    if (Array.isArray(value)) return out;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  for (const [name, ref] of Object.entries(members)) {
    if (name in out) continue;
    const given = record[name] ?? record[RENAMED[name] ?? name];
    if (given !== undefined && given !== null) out[name] = convert(ref.shape, given);
  }
  return out;
}

/** CFN gives a behaviour's methods as two lists; the API nests CachedMethods in AllowedMethods. */
function behaviourMethods(shapeName: string, value: unknown): unknown {
  if (shapeName !== 'DefaultCacheBehavior' && shapeName !== 'CacheBehavior') return value;
  const behaviour = value as Record<string, unknown>;
  if (!Array.isArray(behaviour.AllowedMethods) && behaviour.AllowedMethods !== undefined) return value;
  const allowed = (behaviour.AllowedMethods as string[] | undefined) ?? ['GET', 'HEAD'];
  const cached = (behaviour.CachedMethods as string[] | undefined) ?? ['GET', 'HEAD'];
  return { ...behaviour, AllowedMethods: { Items: allowed, CachedMethods: { Items: cached } } };
}
