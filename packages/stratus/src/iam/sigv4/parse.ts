import { type HttpRequest, header } from '../../protocol/http.ts';
import { SentHeaders } from './canonical.ts';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** What a SigV4-signed request claims: who signed, when, for which scope, over which headers. */
export interface SignedRequest {
  readonly presigned: boolean;
  readonly accessKeyId: string;
  /** The scope's date, `YYYYMMDD`. */
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  /** `YYYYMMDDTHHMMSSZ`, as signed. */
  readonly amzDate: string;
  /** The request time, ms since the epoch. */
  readonly time: number;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly securityToken?: string;
  /** Presigned URLs: seconds the signature stays valid. */
  readonly expiresSeconds?: number;
  /** The Authorization header as sent (error messages quote it). */
  readonly authorization?: string;
}

/** Why a request's authentication cannot even be read. */
export class MalformedAuth extends Error {
  readonly presigned: boolean;
  constructor(message: string, presigned: boolean) {
    super(message);
    this.presigned = presigned;
  }
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** A presigned URL lives at most 7 days. */
export const MAX_EXPIRES_SECONDS = 604_800;

/**
 * What repeats from one request to the next, parsed once per authenticator: a client's list of signed
 * headers, and the time of the current second's `X-Amz-Date`.
 */
export class SignedRequestMemo {
  readonly #signedHeaders = new Map<string, readonly string[]>();
  #amzDate = '';
  #time = 0;

  /** `a;B;c` → `['a', 'b', 'c']` (shared: never changed by callers). */
  signedHeaders(list: string): readonly string[] {
    let headers = this.#signedHeaders.get(list);
    if (!headers) {
      headers = list.split(';').map((name) => name.trim().toLowerCase());
      if (this.#signedHeaders.size >= 256) this.#signedHeaders.clear();
      this.#signedHeaders.set(list, headers);
    }
    return headers;
  }

  /** The time of a well-formed `YYYYMMDDTHHMMSSZ`, undefined when it is not one. */
  time(amzDate: string): number | undefined {
    if (amzDate === this.#amzDate) return this.#time;
    const match = AMZ_DATE.exec(amzDate);
    if (!match) return undefined;
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    this.#time = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    this.#amzDate = amzDate;
    return this.#time;
  }
}

/** The request's signature, header or query form; undefined when it carries none. */
export function parseSignedRequest(
  req: HttpRequest,
  sent: SentHeaders = new SentHeaders(req),
  memo: SignedRequestMemo = new SignedRequestMemo(),
): SignedRequest | undefined {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) return fromHeader(sent, memo, authorization);
  if (
    req.query.has('X-Amz-Algorithm') ||
    req.query.has('X-Amz-Credential') ||
    req.query.has('X-Amz-Signature')
  ) {
    return fromQuery(req, memo);
  }
  return undefined;
}

function fromHeader(sent: SentHeaders, memo: SignedRequestMemo, authorization: string): SignedRequest {
  const space = authorization.indexOf(' ');
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new MalformedAuth(`Unsupported authorization type: ${algorithm || authorization}`, false);
  }
  const fields: Record<string, string> = {};
  for (const part of authorization.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields[name]);
  if (missing.length > 0) {
    throw new MalformedAuth(
      `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${authorization}`,
      false,
    );
  }
  const amzDate = sent.get('x-amz-date') ?? isoFromHttpDate(sent.get('date'));
  if (amzDate === undefined) {
    throw new MalformedAuth(
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
      false,
    );
  }
  return build(memo, false, fields.Credential!, amzDate, fields.SignedHeaders!, fields.Signature!, {
    securityToken: sent.get('x-amz-security-token'),
    authorization,
  });
}

function fromQuery(req: HttpRequest, memo: SignedRequestMemo): SignedRequest {
  const q = req.query;
  const algorithm = q.get('X-Amz-Algorithm');
  if (algorithm !== ALGORITHM) {
    throw new MalformedAuth(
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"',
      true,
    );
  }
  const missing = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'].filter(
    (name) => !q.get(name),
  );
  if (missing.length > 0) {
    throw new MalformedAuth(
      `Query-string authentication requires the ${missing.join(', ')} parameters`,
      true,
    );
  }
  const expiresText = q.get('X-Amz-Expires');
  const expires = expiresText === null ? undefined : Number(expiresText);
  if (expires !== undefined && (!Number.isInteger(expires) || expires < 0)) {
    throw new MalformedAuth('X-Amz-Expires should be a number', true);
  }
  if (expires !== undefined && expires > MAX_EXPIRES_SECONDS) {
    throw new MalformedAuth('X-Amz-Expires must be less than a week (in seconds) that is 604800', true);
  }
  return build(
    memo,
    true,
    q.get('X-Amz-Credential')!,
    q.get('X-Amz-Date')!,
    q.get('X-Amz-SignedHeaders')!,
    q.get('X-Amz-Signature')!,
    {
      securityToken: q.get('X-Amz-Security-Token') ?? undefined,
      expiresSeconds: expires,
    },
  );
}

function build(
  memo: SignedRequestMemo,
  presigned: boolean,
  credential: string,
  amzDate: string,
  signedHeaders: string,
  signature: string,
  extra: { securityToken?: string; expiresSeconds?: number; authorization?: string },
): SignedRequest {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '') || parts[4] !== 'aws4_request') {
    throw new MalformedAuth(
      `Credential should be scoped to a valid region, a valid service and 'aws4_request': ${credential}`,
      presigned,
    );
  }
  const time = memo.time(amzDate);
  if (time === undefined)
    throw new MalformedAuth(`Invalid date format ${amzDate}: expected YYYYMMDD'T'HHMMSS'Z'`, presigned);
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  if (scopeDate !== amzDate.slice(0, 8)) {
    throw new MalformedAuth(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      presigned,
    );
  }
  const headers = memo.signedHeaders(signedHeaders);
  if (!headers.includes('host')) {
    throw new MalformedAuth(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      presigned,
    );
  }
  return {
    presigned,
    accessKeyId,
    scopeDate,
    region,
    service,
    amzDate,
    time,
    signedHeaders: headers,
    signature,
    ...extra,
  };
}

/** `Mon, 01 Jan 2024 00:00:00 GMT` → `20240101T000000Z` (requests signed with a Date header only). */
function isoFromHttpDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : amzDateOf(time);
}

export function amzDateOf(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
