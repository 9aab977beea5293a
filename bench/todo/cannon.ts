// The MyTodoList load generator, run in its own process by todo/load.ts: signs the benchmark user in `--signins`
// times (each sign-in is a new id token, so a new Authorization header and a new stage cache key for the same
// user and the same DynamoDB items), then loads the API with autocannon, choosing each request's path and token:
//   warm: always the first path with the first token (the stage cache answers all but the first request);
//   cold: path × token in turn plus a unique `fresh=` (a stage cache miss and a consistent read: DynamoDB);
//   dax:  path × token in turn, no `fresh` (a stage cache miss while keys last, an eventually consistent read).
// Prints one JSON line: the figures of the measured window and how many requests the run made in all.
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CannonRequest as Request, runCannon } from '../lib/cannon.ts';

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    'client-id': { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    signins: { type: 'string', default: '100' },
    paths: { type: 'string' },
    mode: { type: 'string' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
  },
});
const mode = values.mode ?? '';
if (!['warm', 'cold', 'dax'].includes(mode)) throw new Error('--mode must be warm, cold or dax');
const api = new URL(values.api ?? '');
const paths = JSON.parse(values.paths ?? '[]') as string[];
const tokens = await signIn(Number(values.signins));

/** Requests made so far, warm-up included: the warm-up's keys are not reused by the measured window. */
let made = 0;
const run = `${process.pid}-${Date.now()}`;
function next(request: Request): Request {
  const index = made++;
  if (mode === 'warm') return withTarget(request, paths[0], tokens[0]);
  const path = paths[index % paths.length];
  const token = tokens[Math.floor(index / paths.length) % tokens.length];
  if (mode === 'dax') return withTarget(request, path, token);
  return withTarget(request, `${path}${path.includes('?') ? '&' : '?'}fresh=${run}-${index}`, token);
}

function withTarget(request: Request, path: string, token: string): Request {
  return { ...request, method: 'GET', path: `${api.pathname}${path}`, headers: { authorization: token } };
}

/** The first answer that was not a 2xx, for the report (a benchmark of errors is no benchmark). */
let firstFailure: string | undefined;
function noteFailure(status: number, body: string): void {
  if ((status < 200 || status > 299) && firstFailure === undefined)
    firstFailure = `${status} ${body.slice(0, 300)}`;
}

/** `count` USER_PASSWORD_AUTH sign-ins of the same user: as many distinct id tokens. */
async function signIn(count: number): Promise<string[]> {
  const idp = new CognitoIdentityProviderClient({
    endpoint: values.endpoint,
    region: values.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const one = async () => {
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        ClientId: values['client-id'],
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: values.user ?? '', PASSWORD: values.password ?? '' },
      }),
    );
    return AuthenticationResult?.IdToken ?? '';
  };
  const result: string[] = [];
  while (result.length < count)
    result.push(...(await Promise.all(Array.from({ length: Math.min(8, count - result.length) }, one))));
  idp.destroy();
  if (new Set(result).size !== count) throw new Error('sign-ins returned the same id token twice');
  return result;
}

const summary = await runCannon(
  {
    url: api.origin,
    connections: Number(values.connections),
    requests: [{ setupRequest: next, onResponse: noteFailure }],
  },
  Number(values.warmup),
  Number(values.duration),
);
process.stdout.write(
  `${JSON.stringify({
    ...summary,
    requests: made,
    keys: mode === 'warm' ? 1 : paths.length * tokens.length,
    firstFailure,
  })}\n`,
);
