import { standaloneServer } from './standalone.ts';

/** A bare node:http server answering with the same handler: the ceiling nothing in front of a handler can beat. */
export const bareTarget = standaloneServer('bare', 'bare node:http (ceiling)', 'bare-server.ts');
