import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { writeResponse } from '../../src/edge/server.ts';

describe('edge: streamed answers', () => {
  it('ends the source of a streamed body when the client goes away mid-answer', async () => {
    // An endless source, as a slow origin or a file being read would look to the edge.
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
      },
    });
    const server = createServer((_req, res) => {
      void writeResponse(res, {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: source,
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const request = get(`http://127.0.0.1:${port}/`);
      const [response] = (await once(request, 'response')) as [import('node:http').IncomingMessage];
      await once(response, 'data');
      request.destroy();
      // Bounded wait: a source left open fails the test instead of hanging it.
      if (!source.destroyed) await once(source, 'close', { signal: AbortSignal.timeout(5000) });
      assert.equal(source.destroyed, true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
