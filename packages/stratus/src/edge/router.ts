import { type HttpRequest, header } from '../protocol/http.ts';
import { readCredentialScope } from '../protocol/sigv4-scope.ts';
import type { AwsService } from '../services/service.ts';

/**
 * Finds the AWS service a request is for, the way AWS's endpoints would: by the
 * `X-Amz-Target` prefix, by the SigV4 credential scope's service, and for unsigned Query
 * calls (STS AssumeRoleWithWebIdentity, …) by the `Action` parameter.
 */
export class ServiceRouter {
  readonly #byTargetPrefix = new Map<string, AwsService>();
  readonly #bySigningName = new Map<string, AwsService[]>();
  readonly #byQueryAction = new Map<string, AwsService[]>();

  constructor(services: Iterable<AwsService>) {
    for (const service of services) {
      const { metadata } = service.model;
      if (metadata.targetPrefix) this.#byTargetPrefix.set(metadata.targetPrefix, service);
      const signingName = metadata.signingName ?? metadata.endpointPrefix;
      push(this.#bySigningName, signingName, service);
      if (metadata.protocol === 'query') {
        for (const action of Object.keys(service.model.operations))
          push(this.#byQueryAction, action, service);
      }
    }
  }

  route(req: HttpRequest): AwsService | undefined {
    const target = header(req, 'x-amz-target');
    if (target) {
      const prefix = target.slice(0, target.lastIndexOf('.'));
      const service = this.#byTargetPrefix.get(prefix);
      if (service) return service;
    }
    const scope = readCredentialScope(req);
    if (scope) {
      const candidates = this.#bySigningName.get(scope.service);
      if (candidates?.length === 1) return candidates[0];
      if (candidates) {
        // Several models share a signing name (DynamoDB and DynamoDB Streams): the target decides.
        return (
          candidates.find((s) => !target || s.model.metadata.targetPrefix === undefined) ?? candidates[0]
        );
      }
    }
    const action = queryAction(req);
    if (action) {
      const candidates = this.#byQueryAction.get(action);
      if (candidates?.length === 1) return candidates[0];
    }
    return undefined;
  }

  /** The signing name a request claims, for the error when no service answers it. */
  claimedService(req: HttpRequest): string | undefined {
    return readCredentialScope(req)?.service;
  }
}

function queryAction(req: HttpRequest): string | undefined {
  const fromQuery = req.query.get('Action');
  if (fromQuery) return fromQuery;
  const contentType = header(req, 'content-type') ?? '';
  if (req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(req.body.toString('utf8')).get('Action') ?? undefined;
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
