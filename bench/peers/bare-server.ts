// The ceiling: node:http serving the shared handler's answer with nothing in between (no routing, no event,
// no invocation boundary). Run as its own process by targets/bare.ts: `node bare-server.ts <port>`.
import { createServer } from 'node:http';

interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const handlerUrl = new URL('../functions/hello.js', import.meta.url).href;
const { handler } = (await import(handlerUrl)) as { handler: () => Promise<ProxyResult> };

const server = createServer(async (_req, res) => {
  const result = await handler();
  res.writeHead(result.statusCode, result.headers);
  res.end(result.body);
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
