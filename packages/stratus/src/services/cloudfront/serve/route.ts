import type { RawRoute } from '../../service.ts';
import { serveViewer, type ViewerDeps, type ViewerTarget } from './viewer.ts';

/** A distribution's host: `<label or id>.cloudfront.localhost` (and `.cloudfront.net`, where a hosts file points it here). */
const HOST = /^([a-z0-9]+)\.cloudfront\.(?:localhost|net)$/;

/** Path style, for clients that do not resolve `*.localhost` (Node): `/_stratus/cloudfront/<id or label>/<path>`. */
const PATH_PREFIX = '/_stratus/cloudfront/';

/** Viewer requests to distributions, by host or by Stratus path prefix. */
export function viewerRoute(deps: ViewerDeps): RawRoute {
  return {
    name: 'cloudfront-viewer',
    match: (probe) => HOST.test(probe.hostname) || probe.path.startsWith(PATH_PREFIX),
    handle: (req) => serveViewer(deps, req, target(req.hostname, req.rawPath)),
  };
}

function target(hostname: string, rawPath: string): ViewerTarget {
  const host = HOST.exec(hostname);
  if (host && !rawPath.startsWith(PATH_PREFIX)) return { label: host[1]!, rawPath, prefix: '' };
  const rest = rawPath.slice(PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  const label = slash === -1 ? rest : rest.slice(0, slash);
  return { label, rawPath: slash === -1 ? '/' : rest.slice(slash), prefix: `${PATH_PREFIX}${label}` };
}
