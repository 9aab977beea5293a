import { standaloneServer } from './standalone.ts';

/**
 * node:http in front of a worker thread per concurrent invocation and nothing else: what the invocation
 * boundary of Stratus's design costs by itself, so a run shows how much of Stratus's cost is its own code.
 */
export const workerFloorTarget = standaloneServer(
  'floor',
  'worker per invocation, nothing else (design floor)',
  'worker-floor-server.ts',
);
