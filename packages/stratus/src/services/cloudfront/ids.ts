import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A distribution, OAC or OAI id as AWS makes them: `E` and 13 uppercase letters or digits. */
export const resourceId = () => `E${randomString(UPPER, 13)}`;

/** An invalidation id: `I` and 13 uppercase letters or digits. */
export const invalidationId = () => `I${randomString(UPPER, 13)}`;

/** The first label of a distribution's domain name: `d` and 13 lowercase letters or digits (`d111111abcdef8`). */
export const domainLabel = () => `d${randomString(LOWER, 13)}`;

/** Cache, origin request and response headers policies are named by UUIDs. */
export const policyId = () => randomUUID();

/** An ETag as CloudFront returns them (`E2QWRUHAPOMQZL`). */
export const etag = () => `E${randomString(UPPER, 13)}`;

/** An OAI's S3 canonical user id: 96 hex digits. */
export const canonicalUserId = () => randomBytes(48).toString('hex');

/** `X-Amz-Cf-Id`: 56 characters of URL-safe base64, as CloudFront's request ids look. */
export const cloudFrontRequestId = () => randomBytes(40).toString('base64url').slice(0, 54).concat('==');

export const distributionArn = (account: string, id: string) =>
  `arn:aws:cloudfront::${account}:distribution/${id}`;
