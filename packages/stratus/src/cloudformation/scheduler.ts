export interface ScheduleResult {
  readonly succeeded: ReadonlySet<string>;
  readonly failed: ReadonlySet<string>;
  /** Nodes never started: after a failure, or because something they wait for failed. */
  readonly skipped: ReadonlySet<string>;
}

/**
 * Runs `work` for every node once everything it waits for has succeeded, independent nodes in
 * parallel, starting ready nodes in the given order. After a failure no new node starts unless
 * `keepGoing` (deletes go on with what does not depend on the failure); running ones finish.
 */
export async function runScheduled(
  nodes: readonly string[],
  waitsFor: (node: string) => Iterable<string>,
  work: (node: string) => Promise<void>,
  options: { keepGoing?: boolean } = {},
): Promise<ScheduleResult> {
  const members = new Set(nodes);
  const succeeded = new Set<string>();
  const failed = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const pending = new Set(nodes);
  let stopped = false;
  const blockedBy = (node: string) =>
    [...waitsFor(node)].filter((other) => members.has(other) && other !== node);

  for (;;) {
    if (!stopped) {
      for (const node of pending) {
        const waits = blockedBy(node);
        if (
          waits.some(
            (other) =>
              failed.has(other) || (!pending.has(other) && !succeeded.has(other) && !running.has(other)),
          )
        ) {
          pending.delete(node);
          continue;
        }
        if (!waits.every((other) => succeeded.has(other))) continue;
        pending.delete(node);
        running.set(
          node,
          work(node)
            .then(
              () => {
                succeeded.add(node);
              },
              () => {
                failed.add(node);
                if (!options.keepGoing) stopped = true;
              },
            )
            .finally(() => running.delete(node)),
        );
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  const skipped = new Set(nodes.filter((node) => !succeeded.has(node) && !failed.has(node)));
  return { succeeded, failed, skipped };
}
