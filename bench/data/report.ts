import type { OperationResult } from './load.ts';
import type { DataTarget } from './targets.ts';

export interface Measured {
  readonly target: DataTarget;
  readonly operation: string;
  readonly round: number;
  readonly result?: OperationResult;
  readonly error?: string;
}

/** The goal issues 4 and 5 set: Stratus at least twice its peer's throughput on every operation. */
export const GOAL_RATIO = 2;

const fixed = (value: number | undefined, digits = 2) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const rate = (value: number) => value.toFixed(value < 100 ? 1 : 0);
const defined = (values: readonly (number | undefined)[]) =>
  values.filter((v): v is number => v !== undefined);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The targets in the order they ran, each with its measurements of one operation (one per round). */
function byTarget(rows: readonly Measured[]): { target: DataTarget; rounds: Measured[] }[] {
  const groups = new Map<string, { target: DataTarget; rounds: Measured[] }>();
  for (const row of rows) {
    const group = groups.get(row.target.id) ?? { target: row.target, rounds: [] };
    group.rounds.push(row);
    groups.set(row.target.id, group);
  }
  return [...groups.values()];
}

/** One table per operation: a row per target, medians over the rounds (and the range of ops/s). */
export function operationTable(operation: string, rows: readonly Measured[], clients: number): string {
  return table(
    [
      `${operation}, ${clients} clients`,
      'ops/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'target CPU ms/op',
      'load CPU',
    ],
    byTarget(rows).map(({ target, rounds }) => {
      const results = rounds.flatMap((r) => (r.result ? [r.result] : []));
      if (results.length === 0)
        return [target.label, `failed: ${firstLine(rounds[0]?.error)}`, '', '', '', '', ''];
      const ops = results.map((r) => r.opsPerSecond);
      const errors = results.reduce((sum, r) => sum + r.errors, 0);
      const range = ops.length > 1 ? ` (${rate(Math.min(...ops))}–${rate(Math.max(...ops))})` : '';
      return [
        target.label,
        `${rate(median(ops))}${range}`,
        fixed(median(results.map((r) => r.p50Ms))),
        fixed(median(results.map((r) => r.p99Ms))),
        errors === 0 ? '0' : `${errors} (${firstLine(results.find((r) => r.firstError)?.firstError)})`,
        fixed(medianOrUndefined(defined(results.map((r) => r.targetCpuMsPerOp))), 3),
        `${Math.round(median(results.map((r) => r.loadCpuShare)) * 100)}%`,
      ];
    }),
  );
}

/**
 * Stratus against its peer for every operation, like with like (memory with memory, disk with disk; the peer with
 * other state where there is no like): the throughput ratio within each round, its median judged against the goal,
 * and the ratio of CPU time per request (peer's / Stratus's), which other work on the machine disturbs far less.
 */
export function goalsTable(operations: readonly string[], measured: readonly Measured[]): string {
  const rows: string[][] = [];
  for (const operation of operations) {
    const ofOperation = measured.filter((m) => m.operation === operation);
    for (const { target, rounds } of byTarget(ofOperation.filter((m) => m.target.stratus))) {
      const peers = ofOperation.filter((m) => !m.target.stratus && !m.target.floor);
      const peerTarget = (peers.find((m) => m.target.state === target.state) ?? peers[0])?.target;
      const peerIn = (round: number) =>
        peers.find((m) => m.target.id === peerTarget?.id && m.round === round)?.result;
      const ratios = defined(
        rounds.map(({ round, result }) => {
          const peer = peerIn(round);
          return result && peer && peer.opsPerSecond > 0
            ? result.opsPerSecond / peer.opsPerSecond
            : undefined;
        }),
      );
      const cpuRatios = defined(
        rounds.map(({ round, result }) => {
          const peer = peerIn(round)?.targetCpuMsPerOp;
          const own = result?.targetCpuMsPerOp;
          return peer !== undefined && own !== undefined && own > 0 ? peer / own : undefined;
        }),
      );
      const ratio = medianOrUndefined(ratios);
      const each = ratios.length > 1 ? ` (${ratios.map((r) => r.toFixed(2)).join(', ')})` : '';
      const cpu = medianOrUndefined(cpuRatios);
      rows.push([
        operation,
        `${target.label} / ${peerTarget?.label ?? 'no peer measured'}`,
        ratio === undefined ? '–' : `${ratio.toFixed(2)}×${each}`,
        ratio === undefined ? 'not measured' : ratio >= GOAL_RATIO ? 'met' : 'NOT met',
        cpu === undefined ? '–' : `${cpu.toFixed(2)}×`,
      ]);
    }
  }
  return table(
    [
      'operation',
      'Stratus / peer',
      `ops/s ratio (goal ≥ ${GOAL_RATIO}×)`,
      '',
      'CPU per request, peer / Stratus',
    ],
    rows,
  );
}

/** The middle value, or the mean of the two middle ones (two rounds give their mean, not the lower). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

function medianOrUndefined(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : median(values);
}

function firstLine(text: string | undefined): string {
  const line = (text ?? 'unknown error').split('\n')[0].replace(/\|/g, '/');
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
