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

/** Entries a memo keeps before it starts over (clients, days and regions seen). */
const MEMO_ENTRIES = 256;

/**
 * What repeats from one request to the next, parsed once per authenticator: the fields of a client's
 * Authorization header before its signature, its credential scope, its list of signed headers, and the
 * time of the current second's `X-Amz-Date`.
 */
export class SignedRequestMemo {
  readonly #fields = new Map<string, Readonly<Record<string, string>>>();
  readonly #credentials = new Map<string, readonly string[]>();
  readonly #signedHeaders = new Map<string, readonly string[]>();
  #amzDate = '';
  #time = 0;

  /**
   * The `name=value` fields of an Authorization header after its algorithm (from `space`), with the
   * signature apart. When the signature is the last field, as the SDKs send it, the fields before it are
   * parsed once per distinct text (shared: never changed by callers); a later field overrides an earlier one.
   */
  authorizationFields(
    authorization: string,
    space: number,
  ): { fields: Readonly<Record<string, string>>; signature: string | undefined } {
    const comma = authorization.lastIndexOf(',');
    if (comma > space) {
      const last = authorization.slice(comma + 1);
      const eq = last.indexOf('=');
      if (eq > 0 && last.slice(0, eq).trim() === 'Signature') {
        const before = authorization.slice(0, comma);
        let fields = this.#fields.get(before);
        if (!fields) {
          fields = parseFields(before.slice(space + 1));
          if (this.#fields.size >= MEMO_ENTRIES) this.#fields.clear();
          this.#fields.set(before, fields);
        }
        return { fields, signature: last.slice(eq + 1).trim() };
      }
    }
    const fields = parseFields(authorization.slice(space + 1));
    return { fields, signature: fields.Signature };
  }

  /** A credential's five `/`-separated parts, undefined when it is not scoped to a region, a service and `aws4_request`. */
  credential(credential: string): readonly string[] | undefined {
    let parts = this.#credentials.get(credential);
    if (!parts) {
      const split = credential.split('/');
      if (split.length !== 5 || split.some((p) => p === '') || split[4] !== 'aws4_request') return undefined;
      if (this.#credentials.size >= MEMO_ENTRIES) this.#credentials.clear();
      this.#credentials.set(credential, split);
      parts = split;
    }
    return parts;
  }

  /** `a;B;c` → `['a', 'b', 'c']` (shared: never changed by callers). */
  signedHeaders(list: string): readonly string[] {
    let headers = this.#signedHeaders.get(list);
    if (!headers) {
      headers = list.split(';').map((name) => name.trim().toLowerCase());
      if (this.#signedHeaders.size >= MEMO_ENTRIES) this.#signedHeaders.clear();
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
  const { fields, signature } = memo.authorizationFields(authorization, space);
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) =>
    name === 'Signature' ? !signature : !fields[name],
  );
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
  return build(memo, false, fields.Credential!, amzDate, fields.SignedHeaders!, signature!, {
    securityToken: sent.get('x-amz-security-token'),
    authorization,
  });
}

/** `name=value` pairs separated by commas, names and values trimmed; a later name overrides an earlier one. */
function parseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return fields;
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
  const parts = memo.credential(credential);
  if (!parts) {
    throw new MalformedAuth(
      `Credential should be scoped to a valid region, a valid service and 'aws4_request': ${credential}`,
      presigned,
    );
  }
  const time = memo.time(amzDate);
  if (time === undefined)
    throw new MalformedAuth(`Invalid date format ${amzDate}: expected YYYYMMDD'T'HHMMSS'Z'`, presigned);
  const scopeDate = parts[1]!;
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
  // Every field written out (no spread of `extra`): one object shape for every request.
  return {
    presigned,
    accessKeyId: parts[0]!,
    scopeDate,
    region: parts[2]!,
    service: parts[3]!,
    amzDate,
    time,
    signedHeaders: headers,
    signature,
    securityToken: extra.securityToken,
    expiresSeconds: extra.expiresSeconds,
    authorization: extra.authorization,
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
