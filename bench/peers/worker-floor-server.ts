// The floor of Stratus's design: node:http in front of one worker thread per concurrent invocation (idle
// workers reused, most recent first, as Stratus's environments are), the shared handler in each worker, a
// proxy event of API Gateway's shape as JSON text in and the result as JSON text out, one string message
// each way. Nothing else: no routing, no logs, no concurrency accounting, no timeouts. What Stratus costs
// above this is its own code; what this costs above the bare server is the invocation boundary.
// Run as its own process by targets/worker-floor.ts: `node worker-floor-server.ts <port>`.
import { createServer, type ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';

const handlerUrl = new URL('../functions/hello.js', import.meta.url).href;
const workerSource = `
const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(handlerUrl)}).then(({ handler }) => {
  parentPort.on('message', (message) => {
    const split = message.indexOf('\\n');
    const id = message.slice(0, split);
    Promise.resolve(handler(JSON.parse(message.slice(split + 1)), {})).then((result) =>
      parentPort.postMessage(id + '\\n' + JSON.stringify(result)),
    );
  });
});`;

const idle: Worker[] = [];
const waiting = new Map<string, ServerResponse>();
let sequence = 0;

function worker(): Worker {
  const reused = idle.pop();
  if (reused) return reused;
  const started = new Worker(workerSource, { eval: true });
  started.on('message', (message: string) => {
    const split = message.indexOf('\n');
    const id = message.slice(0, split);
    const res = waiting.get(id)!;
    waiting.delete(id);
    idle.push(started);
    const result = JSON.parse(message.slice(split + 1)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    res.writeHead(result.statusCode, result.headers);
    res.end(result.body);
  });
  return started;
}

const server = createServer((req, res) => {
  const id = String(sequence++);
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers[req.rawHeaders[i]!] = req.rawHeaders[i + 1]!;
    multiValueHeaders[req.rawHeaders[i]!] = [req.rawHeaders[i + 1]!];
  }
  const now = Date.now();
  const event = {
    resource: '/hello',
    path: req.url,
    httpMethod: req.method,
    headers,
    multiValueHeaders,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourcePath: '/hello',
      httpMethod: req.method,
      requestTimeEpoch: now,
      requestId: id,
      stage: 'bench',
      identity: { sourceIp: req.socket.remoteAddress, userAgent: req.headers['user-agent'] ?? null },
    },
    body: null,
    isBase64Encoded: false,
  };
  waiting.set(id, res);
  worker().postMessage(`${id}\n${JSON.stringify(event)}`);
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
