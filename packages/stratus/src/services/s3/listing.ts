import type { ObjectRecord, S3Store } from './store.ts';

export interface ListingQuery {
  readonly prefix: string;
  readonly delimiter?: string;
  /** List keys (and common prefixes) after this one. */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface ListingPage {
  readonly contents: ObjectRecord[];
  readonly commonPrefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  readonly last?: string;
}

/**
 * One page of a bucket listing, in key order: keys under the prefix, with the keys that share
 * a segment up to the delimiter rolled up into one common prefix. Keys and common prefixes
 * together count against max-keys.
 */
export function listPage(store: S3Store, bucket: string, query: ListingQuery): ListingPage {
  const contents: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  const { prefix, delimiter, after, maxKeys } = query;
  if (maxKeys <= 0) return { contents, commonPrefixes, truncated: false };
  let last: string | undefined;
  let truncated = false;
  for (const object of store.objects(bucket, prefix, after)) {
    if (!object.key.startsWith(prefix)) break;
    const at = delimiter ? object.key.indexOf(delimiter, prefix.length) : -1;
    const common = at === -1 ? undefined : object.key.slice(0, at + delimiter!.length);
    // A page that ended on a common prefix continues after every key it rolled up.
    if (common !== undefined && (common === last || (after !== undefined && common <= after))) continue;
    if (contents.length + commonPrefixes.length === maxKeys) {
      truncated = true;
      break;
    }
    if (common === undefined) contents.push(object);
    else commonPrefixes.push(common);
    last = common ?? object.key;
  }
  return { contents, commonPrefixes, truncated, last };
}

/** `encoding-type=url`: keys and prefixes percent-encoded (slashes kept), as S3 writes them. */
export function keyEncoder(encodingType: string | undefined): (text: string) => string {
  if (encodingType !== 'url') return (text) => text;
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/');
}

/** max-keys: 1,000 unless fewer are asked for. */
export function pageSize(maxKeys: number | undefined): number {
  return maxKeys === undefined ? 1000 : Math.min(Math.max(0, maxKeys), 1000);
}
