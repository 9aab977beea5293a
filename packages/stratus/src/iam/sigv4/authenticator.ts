import type { Clock } from '../../clock/clock.ts';
import type { HttpRequest } from '../../protocol/http.ts';
import type { ServiceModel } from '../../protocol/model.ts';
import { type CredentialStore, principalOf } from '../credentials.ts';
import { anonymousPrincipal, type Principal, rootPrincipal } from '../principal.ts';
import { canonicalQuery, canonicalRequest, canonicalUri, SentHeaders, sha256Hex } from './canonical.ts';
import { ChunkSignatures, isChunkSignatureSink, verifyBufferedChunks } from './chunks.ts';
import { AuthErrors } from './errors.ts';
import { MalformedAuth, parseSignedRequest, type SignedRequest, SignedRequestMemo } from './parse.ts';
import { HEX_SHA256 } from './payload-hash.ts';
import { type SigningKey, SigningKeys, sameSignature } from './signing-keys.ts';

/** Requests signed further than this from the Stratus clock are refused (AWS's window). */
export const SKEW_WINDOW_MS = 15 * 60_000;

const S3_PAYLOAD_MARKERS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);

export interface AuthenticatorDeps {
  readonly clock: Clock;
  readonly accountId: string;
  readonly root: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly credentials: CredentialStore;
  readonly userAccessKey?: (
    accessKeyId: string,
  ) => { readonly secretAccessKey: string; readonly principal: Principal } | undefined;
}

/** What the chunk signatures of a streamed payload chain from. */
interface ChunkSeed {
  readonly signingKey: SigningKey;
  readonly scope: string;
  readonly seedSignature: string;
}

/** A key that may sign: its secret and who it authenticates as. */
interface SigningIdentity {
  readonly secret: string;
  readonly principal: Principal;
}

/**
 * SigV4 verification for every AWS API request (header and presigned forms, S3's payload
 * hashing and chunk signatures), answering with each protocol's own authentication errors.
 */
export class SigV4Authenticator {
  readonly #deps: AuthenticatorDeps;
  readonly #keys = new SigningKeys();
  readonly #memo = new SignedRequestMemo();

  constructor(deps: AuthenticatorDeps) {
    this.#deps = deps;
  }

  authenticate(
    req: HttpRequest,
    model: ServiceModel,
    operation: string,
    streamedPayload: boolean,
  ): Principal {
    const anonymous = model.operations[operation]?.authtype === 'none';
    const s3 = (model.metadata.signingName ?? model.metadata.endpointPrefix) === 's3';
    const sent = new SentHeaders(req);
    let signed: SignedRequest | undefined;
    try {
      signed = parseSignedRequest(req, sent, this.#memo);
    } catch (error) {
      if (anonymous) return anonymousPrincipal(this.#deps.accountId);
      if (error instanceof MalformedAuth)
        throw new AuthErrors(model).malformed(error.message, error.presigned);
      throw error;
    }
    if (!signed && s3 && sent.get('x-amz-content-sha256')?.startsWith('STREAMING-AWS4-HMAC')) {
      // Chunk signatures chain from a request signature: without one they cannot be checked.
      throw new AuthErrors(model).malformed('a signed aws-chunked payload needs a signed request', false);
    }
    if (anonymous || (!signed && s3)) return anonymousPrincipal(this.#deps.accountId);
    if (!signed) throw new AuthErrors(model).missing();
    const identity = this.#identity(signed, model);
    this.#checkTime(signed, model);
    const payloadHash = this.#payloadHash(req, sent, signed, s3, model);
    const seed = this.#verifySignature(req, sent, signed, identity.secret, payloadHash, s3, model);
    if (s3) this.#checkBufferedPayload(req, payloadHash, model);
    if (payloadHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) {
      this.#verifyChunks(
        req,
        signed,
        { ...seed, withTrailer: payloadHash.endsWith('-TRAILER') },
        streamedPayload,
        model,
      );
    }
    return identity.principal;
  }

  /** Recomputes the signature; gives what chunk signatures chain from. */
  #verifySignature(
    req: HttpRequest,
    sent: SentHeaders,
    signed: SignedRequest,
    secret: string,
    payloadHash: string,
    s3: boolean,
    model: ServiceModel,
  ): ChunkSeed {
    const canonical = canonicalRequest({
      method: req.method,
      uri: canonicalUri(req.rawPath, s3),
      query: canonicalQuery(req.rawQuery, signed.presigned),
      headers: sent.canonical(signed.signedHeaders),
      signedHeaders: signed.signedHeaders,
      payloadHash,
    });
    const scope = `${signed.scopeDate}/${signed.region}/${signed.service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${signed.amzDate}\n${scope}\n${sha256Hex(canonical)}`;
    const signingKey = this.#keys.get(secret, signed.scopeDate, signed.region, signed.service);
    const expected = signingKey.sign(stringToSign);
    if (!sameSignature(expected, signed.signature)) {
      throw new AuthErrors(model).signatureMismatch({
        accessKeyId: signed.accessKeyId,
        stringToSign,
        signatureProvided: signed.signature,
        canonicalRequest: canonical,
      });
    }
    return { signingKey, scope, seedSignature: expected };
  }

  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: each chunk's signature, as the upload streams or from the read body. */
  #verifyChunks(
    req: HttpRequest,
    signed: SignedRequest,
    seed: ChunkSeed & { withTrailer: boolean },
    streamedPayload: boolean,
    model: ServiceModel,
  ): void {
    const mismatch = () => new AuthErrors(model).chunkSignatureMismatch(signed.accessKeyId);
    const chunks = new ChunkSignatures({ ...seed, amzDate: signed.amzDate, mismatch });
    if (streamedPayload && isChunkSignatureSink(req.stream)) req.stream.verifyChunksWith(chunks);
    else if (!req.stream) verifyBufferedChunks(req.body, chunks, mismatch);
    else throw mismatch();
  }

  /** The root key, an IAM user's key, or STS credentials (whose session token must match and be current). */
  #identity(signed: SignedRequest, model: ServiceModel): SigningIdentity {
    const { accessKeyId } = signed;
    const { root, accountId, credentials, clock } = this.#deps;
    if (accessKeyId === root.accessKeyId) {
      return { secret: root.secretAccessKey, principal: rootPrincipal(accountId, accessKeyId) };
    }
    const user = this.#deps.userAccessKey?.(accessKeyId);
    if (user) return { secret: user.secretAccessKey, principal: user.principal };
    const issued = credentials.find(accessKeyId);
    if (!issued) throw new AuthErrors(model).unknownKey(accessKeyId);
    const token = signed.securityToken;
    // Without its session token a temporary key is unknown; with another one, the token is invalid.
    if (token === undefined) throw new AuthErrors(model).unknownKey(accessKeyId);
    if (!sameSignature(issued.sessionToken, token)) throw new AuthErrors(model).invalidToken(token);
    if (issued.expiration <= clock.now()) throw new AuthErrors(model).expiredToken(token);
    return { secret: issued.secretAccessKey, principal: principalOf(issued) };
  }

  /** Header signatures must be within 15 minutes of the Stratus clock; presigned URLs within their expiry. */
  #checkTime(signed: SignedRequest, model: ServiceModel): void {
    const now = this.#deps.clock.now();
    if (signed.presigned) {
      if (signed.expiresSeconds !== undefined) {
        const expiresAt = signed.time + signed.expiresSeconds * 1000;
        if (now > expiresAt)
          throw new AuthErrors(model).presignExpired(signed.expiresSeconds, expiresAt, now);
      }
      if (signed.time - now > SKEW_WINDOW_MS) {
        throw new AuthErrors(model).skewed(signed.amzDate, signed.time, now, SKEW_WINDOW_MS);
      }
      return;
    }
    if (Math.abs(now - signed.time) > SKEW_WINDOW_MS) {
      throw new AuthErrors(model).skewed(signed.amzDate, signed.time, now, SKEW_WINDOW_MS);
    }
  }

  /**
   * What the signature covers of the body. S3 signs the value of x-amz-content-sha256 (a hash,
   * UNSIGNED-PAYLOAD or a STREAMING-… marker); other services the body's own SHA-256.
   */
  #payloadHash(
    req: HttpRequest,
    sent: SentHeaders,
    signed: SignedRequest,
    s3: boolean,
    model: ServiceModel,
  ): string {
    const claimed = sent.get('x-amz-content-sha256');
    if (s3) {
      if (claimed === undefined) {
        if (signed.presigned) return 'UNSIGNED-PAYLOAD';
        throw new AuthErrors(model).missingContentSha256();
      }
      if (!S3_PAYLOAD_MARKERS.has(claimed) && !HEX_SHA256.test(claimed)) {
        throw new AuthErrors(model).invalidContentSha256();
      }
      return claimed;
    }
    if (claimed === 'UNSIGNED-PAYLOAD') return claimed;
    return sha256Hex(req.body);
  }

  /** S3 bodies read into memory are checked here; streamed ones as they stream (s3/request-body.ts). */
  #checkBufferedPayload(req: HttpRequest, payloadHash: string, model: ServiceModel): void {
    if (req.stream || !HEX_SHA256.test(payloadHash)) return;
    const computed = sha256Hex(req.body);
    if (computed !== payloadHash) throw new AuthErrors(model).contentSha256Mismatch(payloadHash, computed);
  }
}
