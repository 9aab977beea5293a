import { safeDecode } from '../../../protocol/http.ts';

/** What an invoke URL names: the API, the stage and the path below the stage (still percent-encoded). */
export interface InvokeTarget {
  readonly apiId: string;
  /** Undefined when the URL stops before naming a stage. */
  readonly stage: string | undefined;
  /** Starts with `/`; `/` for the root resource. */
  readonly rawPath: string;
}

const PATH_STYLE = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;
const HOST_STYLE = /^([a-z0-9]+)\.execute-api(?:\.[a-z0-9-]+)?\.localhost$/;

/**
 * Reads an invoke URL in either form Stratus serves:
 * `http://localhost:4566/restapis/{id}/{stage}/_user_request_/{path}` (path style) and
 * `http://{id}.execute-api[.{region}].localhost:4566/{stage}/{path}` (host style).
 */
export function parseInvokeTarget(probe: { rawPath: string; hostname: string }): InvokeTarget | undefined {
  // The edge asks twice per request (does the route match, then to serve it): the last answer is kept.
  if (probe.rawPath === last.rawPath && probe.hostname === last.hostname) return last.target;
  const target = parse(probe);
  if (target) Object.freeze(target);
  last = { rawPath: probe.rawPath, hostname: probe.hostname, target };
  return target;
}

let last: { rawPath: string; hostname: string; target: InvokeTarget | undefined } = {
  rawPath: '',
  hostname: '',
  target: undefined,
};

function parse(probe: { rawPath: string; hostname: string }): InvokeTarget | undefined {
  const host = HOST_STYLE.exec(probe.hostname);
  if (host) {
    const [, stage, rest] = /^\/([^/]*)(\/.*)?$/.exec(probe.rawPath) ?? [];
    return { apiId: host[1]!, stage: stage || undefined, rawPath: rest ?? '/' };
  }
  const path = PATH_STYLE.exec(probe.rawPath);
  if (!path) return undefined;
  return { apiId: path[1]!, stage: safeDecode(path[2]!), rawPath: path[3] ?? '/' };
}
