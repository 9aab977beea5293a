import { type HttpRequest, header } from './http.ts';

/** The parts of a SigV4 credential scope: who signed, for which region and service. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const AUTH_CREDENTIAL = /Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request/;

/** Reads the credential scope from the Authorization header or a presigned URL's query. */
export function readCredentialScope(
  req: Pick<HttpRequest, 'headers' | 'query'>,
): CredentialScope | undefined {
  const authorization = header(req, 'authorization');
  const credential = authorization
    ? AUTH_CREDENTIAL.exec(authorization)?.slice(1)
    : req.query.get('X-Amz-Credential')?.split('/');
  if (!credential || credential.length < 4) return undefined;
  const [accessKeyId, date, region, service] = credential;
  if (!accessKeyId || !date || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}
