import type { RequestContext } from '../../service.ts';
import { functionConfiguration } from '../configuration.ts';
import type { LambdaCore } from '../core.ts';
import { LambdaErrors } from '../errors.ts';
import { checkRange } from '../validation.ts';

export interface ListFunctionsInput {
  readonly Marker?: string;
  readonly MaxItems?: number;
  readonly FunctionVersion?: string;
  readonly MasterRegion?: string;
}

/** Functions in name order, `MaxItems` (default 50) at a time; `NextMarker` continues. */
export function listFunctions(core: LambdaCore, input: ListFunctionsInput, ctx: RequestContext) {
  checkRange('maxItems', input.MaxItems, 1, 10000);
  const limit = input.MaxItems ?? 50;
  const after = input.Marker === undefined ? '' : decodeMarker(input.Marker);
  const page = core.store.list(ctx.accountId, ctx.region, after, limit + 1);
  const shown = page.slice(0, limit);
  return {
    Functions: shown.map((fn) => functionConfiguration(fn)),
    NextMarker: page.length > limit ? Buffer.from(shown.at(-1)!.name).toString('base64url') : undefined,
  };
}

function decodeMarker(marker: string): string {
  const name = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[a-zA-Z0-9-_]{1,64}$/.test(name)) throw LambdaErrors.invalidParameter('Invalid marker.');
  return name;
}
