import { AwsError } from '../../protocol/errors.ts';
import type { HttpRequest } from '../../protocol/http.ts';

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** A presigned URL lives at most 7 days. */
const MAX_EXPIRES_SECONDS = 604_800;

/**
 * A query-string-signed request (X-Amz-Date + X-Amz-Expires) past its expiry, by the Stratus
 * clock, is refused with S3's AccessDenied. Signatures themselves are not verified yet.
 */
export function checkPresignedExpiry(req: HttpRequest, now: number): void {
  const date = req.query.get('X-Amz-Date');
  const expires = req.query.get('X-Amz-Expires');
  if (!req.query.has('X-Amz-Credential') || date === null || expires === null) return;
  const match = AMZ_DATE.exec(date);
  const seconds = Number(expires);
  if (!match || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      { status: 400 },
    );
  }
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const signedAt = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const expiresAt = signedAt + seconds * 1000;
  if (now > expiresAt) {
    throw new AwsError('AccessDenied', 'Request has expired', {
      status: 403,
      fields: {
        'X-Amz-Expires': seconds,
        Expires: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    });
  }
}
