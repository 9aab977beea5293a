import type { Principal } from '../principal.ts';

/**
 * How a resource policy's Principal names the caller. `direct`: the caller itself (its user or
 * session ARN) or everyone (`*`); `role`: the role a session belongs to; `account`: the caller's
 * account (which then delegates to its identity policies).
 */
export type PrincipalMatch = 'direct' | 'role' | 'account' | undefined;

/** A compiled Principal (or NotPrincipal) element. */
export type PrincipalTest = (principal: Principal) => PrincipalMatch;

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:aws[\w-]*:iam::(\d{12}):root$/;
const ROLE = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ASSUMED_ROLE = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

export function compilePrincipal(element: unknown): PrincipalTest {
  if (element === '*') return () => 'direct';
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return () => undefined;
  const tests: PrincipalTest[] = [];
  for (const [kind, values] of Object.entries(element)) {
    const list = (Array.isArray(values) ? values : [values]).filter((v) => typeof v === 'string');
    for (const value of list as string[]) tests.push(entryTest(kind, value));
  }
  return (principal) => strongest(tests.map((test) => test(principal)));
}

function entryTest(kind: string, value: string): PrincipalTest {
  if (kind === 'AWS') return awsEntry(value.trim());
  if (kind === 'CanonicalUser') {
    return (principal) => (principal.canonicalUserId === value ? 'direct' : undefined);
  }
  // Services and identity providers: a caller acting for them carries their name.
  if (kind === 'Service' || kind === 'Federated') {
    return (principal) =>
      principal.arn === value || principal.sessionContext['aws:FederatedProvider'] === value
        ? 'direct'
        : undefined;
  }
  return () => undefined;
}

function awsEntry(value: string): PrincipalTest {
  if (value === '*') return () => 'direct';
  const account = ACCOUNT_ID.test(value) ? value : ACCOUNT_ROOT.exec(value)?.[1];
  if (account) {
    return (principal) =>
      principal.type !== 'Anonymous' && principal.accountId === account ? 'account' : undefined;
  }
  const role = ROLE.exec(value);
  return (principal) => {
    if (principal.type === 'Anonymous') return undefined;
    if (principal.arn === value) return 'direct';
    if (role && principal.type === 'AssumedRole' && principal.roleArn) {
      if (principal.roleArn === value) return 'role';
      const session = ASSUMED_ROLE.exec(principal.arn);
      if (session && session[1] === role[1] && session[2] === role[2]) return 'role';
    }
    return undefined;
  };
}

const RANK = { direct: 3, role: 2, account: 1 } as const;

function strongest(matches: readonly PrincipalMatch[]): PrincipalMatch {
  let best: PrincipalMatch;
  for (const match of matches) if (match && (!best || RANK[match] > RANK[best])) best = match;
  return best;
}

/**
 * NotPrincipal: the statement applies unless every identity the caller has (its session or
 * user ARN, its role, its account) is listed, as AWS requires for Deny with NotPrincipal.
 */
export function compileNotPrincipal(element: unknown): PrincipalTest {
  if (element === '*') return () => undefined;
  const listed = compilePrincipal(element);
  const entries = listedValues(element);
  return (principal) => {
    if (principal.type === 'Anonymous') return listed(principal) ? undefined : 'direct';
    const identities = [principal.arn, principal.roleArn, `arn:aws:iam::${principal.accountId}:root`];
    const named = identities
      .filter((id): id is string => id !== undefined && (principal.type !== 'Root' || id === principal.arn))
      .every((id) => entries.has(id) || (id.endsWith(':root') && entries.has(principal.accountId)));
    return named ? undefined : 'direct';
  };
}

function listedValues(element: unknown): Set<string> {
  const values = new Set<string>();
  if (typeof element !== 'object' || element === null) return values;
  for (const list of Object.values(element)) {
    for (const value of Array.isArray(list) ? list : [list]) if (typeof value === 'string') values.add(value);
  }
  return values;
}
