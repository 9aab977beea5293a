import type { LambdaResult } from './lambda.ts';
import type { LoadResult } from './load.ts';

export interface TargetResult {
  readonly id: string;
  readonly label: string;
  readonly load?: LoadResult;
  readonly lambda?: LambdaResult;
  /** The target failed to start or to serve: no figures at all. */
  readonly error?: string;
  /** Only the Lambda measurement failed. */
  readonly lambdaError?: string;
}

/** Targets that serve only GET /hello: no Lambda Invoke API to measure. */
export const NO_LAMBDA_API: readonly string[] = ['bare', 'floor'];

/** The goals the issue set for Stratus. */
export const GOALS = { ofBare: 0.25, ofServerlessOffline: 2, coldStartMs: 100 };

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(2);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function httpTable(results: readonly TargetResult[], connections: number): string {
  const rows = results.map((r) =>
    r.load
      ? [
          r.label,
          Math.round(r.load.requestsPerSecond).toString(),
          ms(r.load.p50Ms),
          ms(r.load.p99Ms),
          String(r.load.non2xx + r.load.errors + r.load.timeouts),
        ]
      : [r.label, `failed: ${firstLine(r.error)}`, '', '', ''],
  );
  return table([`GET /hello, ${connections} connections`, 'req/s', 'p50 ms', 'p99 ms', 'errors'], rows);
}

export function lambdaTable(results: readonly TargetResult[]): string {
  const rows = results
    .filter((r) => !NO_LAMBDA_API.includes(r.id))
    .map((r) =>
      r.lambda
        ? [r.label, ms(r.lambda.coldMs), ms(r.lambda.initMs), ms(r.lambda.warmP50Ms), ms(r.lambda.warmP99Ms)]
        : [r.label, `failed: ${firstLine(r.lambdaError ?? r.error)}`, '', '', ''],
    );
  return table(['Lambda Invoke', 'cold start ms', 'Init Duration ms', 'warm p50 ms', 'warm p99 ms'], rows);
}

export function goalsTable(results: readonly TargetResult[]): string {
  const by = (id: string) => results.find((r) => r.id === id);
  const stratus = by('stratus');
  const ratio = (other: string) => {
    const a = stratus?.load?.requestsPerSecond;
    const b = by(other)?.load?.requestsPerSecond;
    return a !== undefined && b !== undefined ? a / b : undefined;
  };
  const row = (goal: string, value: number | undefined, shown: string, met: (v: number) => boolean) => [
    goal,
    value === undefined ? '–' : shown,
    value === undefined ? 'not measured' : met(value) ? 'met' : 'NOT met',
  ];
  const ofBare = ratio('bare');
  const ofOffline = ratio('serverless-offline');
  const cold = stratus?.lambda?.coldMs;
  return table(
    ['goal', 'measured', ''],
    [
      row(
        `Stratus ≥ ${GOALS.ofBare * 100}% of bare node:http req/s`,
        ofBare,
        `${((ofBare ?? 0) * 100).toFixed(1)}%`,
        (v) => v >= GOALS.ofBare,
      ),
      row(
        `Stratus ≥ ${GOALS.ofServerlessOffline}× serverless-offline req/s`,
        ofOffline,
        `${(ofOffline ?? 0).toFixed(2)}×`,
        (v) => v >= GOALS.ofServerlessOffline,
      ),
      row(
        `Stratus cold start < ${GOALS.coldStartMs} ms`,
        cold,
        `${ms(cold)} ms`,
        (v) => v < GOALS.coldStartMs,
      ),
    ],
  );
}

/** Stratus's share of the bare server's req/s in each round: how much the machine moved during the run. */
export function roundsLine(
  results: readonly { readonly id: string; readonly rounds: readonly LoadResult[] }[],
): string | undefined {
  const rounds = (id: string) => results.find((r) => r.id === id)?.rounds ?? [];
  const [bare, stratus] = [rounds('bare'), rounds('stratus')];
  if (bare.length < 2 || stratus.length !== bare.length) return undefined;
  const shares = stratus.map(
    (s, i) => `${((s.requestsPerSecond / bare[i]!.requestsPerSecond) * 100).toFixed(1)}%`,
  );
  return `Stratus / bare node:http, round by round: ${shares.join(', ')}.`;
}

/** Where Stratus and the design floor stand against the bare server (not a goal: where the cost lies). */
export function floorLine(results: readonly TargetResult[]): string | undefined {
  const rate = (id: string) => results.find((r) => r.id === id)?.load?.requestsPerSecond;
  const [bare, floor, stratus] = [rate('bare'), rate('floor'), rate('stratus')];
  if (floor === undefined || stratus === undefined) return undefined;
  const ofBare =
    bare === undefined ? '' : ` (the floor is at ${((floor / bare) * 100).toFixed(1)}% of bare node:http)`;
  return `Stratus reaches ${((stratus / floor) * 100).toFixed(1)}% of the design floor's req/s${ofBare}.`;
}

function firstLine(text: string | undefined): string {
  const line = (text ?? 'unknown error').split('\n')[0].replace(/\|/g, '/');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
