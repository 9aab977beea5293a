/**
 * The site's settings: `config.json`, written at deploy time by the stack's BucketDeployment
 * (API URL, pools, client, bucket, region, the partition's URL suffix).
 */
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return response.json();
}

/**
 * True when the site is served by Stratus (`https://<d…>.cloudfront.localhost:<port>`, or a bucket
 * website on `*.localhost`): every AWS host `<name>.amazonaws.com` then answers on the same edge.
 */
const local = location.hostname === 'localhost' || location.hostname.endsWith('.localhost');

/**
 * Over HTTPS, Stratus's certificate names `localhost` and one-label `*.localhost` hosts, not
 * `cognito-idp.us-east-1.localhost`: the services are reached at `https://localhost:<port>`, S3
 * and the API in path style. Over HTTP, each at `http://<name>.localhost:<port>`.
 */
const pathStyle = local && location.protocol === 'https:';

/** The base URL of an AWS host, e.g. `cognito-idp.eu-west-1` → `https://cognito-idp.eu-west-1.amazonaws.com`. */
export function endpoint(config, host) {
  if (!local) return `https://${host}.${config.urlSuffix}`;
  return pathStyle ? `https://localhost:${location.port}` : `http://${host}.localhost:${location.port}`;
}

/** The URL of an object (its key already encoded) in a bucket of the stack's region. */
export function objectUrl(config, bucket, encodedKey) {
  if (pathStyle) return `${endpoint(config, 's3')}/${bucket}/${encodedKey}`;
  return `${endpoint(config, `${bucket}.s3.${config.region}`)}/${encodedKey}`;
}

/** The API's URL as this browser reaches it (the stack's `ApiUrl` names the AWS host). */
export function apiUrl(config) {
  const url = new URL(config.apiUrl);
  if (!local) return config.apiUrl.replace(/\/?$/, '/');
  const host = url.hostname.replace(/\.amazonaws\.com$/, '');
  const path = url.pathname.replace(/\/?$/, '/');
  if (!pathStyle) return `${endpoint(config, host)}${path}`;
  // `/<stage>/<rest>` → Stratus's path-style invoke URL `/restapis/<id>/<stage>/_user_request_/<rest>`.
  const [stage, ...rest] = path.split('/').filter(Boolean);
  const tail = rest.map((segment) => `${segment}/`).join('');
  return `${endpoint(config, host)}/restapis/${host.split('.')[0]}/${stage}/_user_request_/${tail}`;
}
