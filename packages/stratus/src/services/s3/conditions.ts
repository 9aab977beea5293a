import { S3Errors } from './errors.ts';
import type { ObjectRecord } from './store.ts';

export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

/**
 * RFC 7232 as S3 applies it to GET and HEAD: If-Match (or, without it, If-Unmodified-Since)
 * failing is 412; If-None-Match (or, without it, If-Modified-Since) failing is 304.
 */
export function checkConditions(object: ObjectRecord, conditions: Conditions): void {
  const seconds = Math.floor(object.lastModified / 1000);
  const since = (date: Date) => Math.floor(date.getTime() / 1000);
  if (conditions.IfMatch !== undefined) {
    if (!etagMatches(conditions.IfMatch, object.etag)) throw S3Errors.preconditionFailed('If-Match');
  } else if (conditions.IfUnmodifiedSince && seconds > since(conditions.IfUnmodifiedSince)) {
    throw S3Errors.preconditionFailed('If-Unmodified-Since');
  }
  if (conditions.IfNoneMatch !== undefined) {
    if (etagMatches(conditions.IfNoneMatch, object.etag)) throw S3Errors.notModified();
  } else if (conditions.IfModifiedSince && seconds <= since(conditions.IfModifiedSince)) {
    throw S3Errors.notModified();
  }
}

/** Whether a comma-separated list of (quoted or bare, possibly weak) ETags, or `*`, names this ETag. */
export function etagMatches(list: string, etag: string): boolean {
  const bare = unquote(etag);
  return list.split(',').some((item) => {
    const candidate = item.trim().replace(/^W\//, '');
    return candidate === '*' || unquote(candidate) === bare;
  });
}

function unquote(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}
