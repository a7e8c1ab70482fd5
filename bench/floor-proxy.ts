/**
 * The floor: the least any Node gateway can cost. node:http in, undici out, with the one thing
 * every gateway must do to a request: parse the JSON body and swap the model. The answer is
 * written back chunk by chunk as it arrives (undici's stream(), no pipeline()), back-pressure
 * respected, and a client that goes away aborts the upstream call.
 *
 *   FLOOR_UPSTREAM=http://127.0.0.1:PORT/v1 [FLOOR_MODEL=gpt-4o-mini] [FLOOR_CONNECTIONS=1024] node --import tsx bench/floor-proxy.ts
 *
 * FLOOR_CONNECTIONS caps the connections to the upstream (0: none, one per concurrent request).
 *
 * Prints `BENCH_READY {"origin": "http://127.0.0.1:PORT"}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';

const upstream = new URL(process.env.FLOOR_UPSTREAM ?? 'http://127.0.0.1:8000/v1');
const basePath = upstream.pathname.replace(/\/+$/, '');
const upstreamKey = process.env.FLOOR_UPSTREAM_KEY ?? 'test-key';
const model = process.env.FLOOR_MODEL;
const connections = Number(process.env.FLOOR_CONNECTIONS ?? 1024);
const pool = new Pool(upstream.origin, { connections: connections || null, pipelining: 1, keepAliveTimeout: 30_000 });
const upstreamHeaders = { 'content-type': 'application/json', authorization: `Bearer ${upstreamKey}` };

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type: 'proxy_error', param: null, code: null } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function forward(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
  let body: { model?: string };
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    fail(res, 400, 'invalid JSON');
    return;
  }
  body.model = model ?? body.model;
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  pool.stream(
    {
      path: basePath + (req.url ?? '/').replace(/^\/v1/, ''),
      method: 'POST',
      headers: upstreamHeaders,
      body: JSON.stringify(body),
      signal: controller.signal,
    },
    ({ statusCode, headers }) => {
      const out: Record<string, string> = { 'content-type': String(headers['content-type'] ?? 'application/json') };
      if (headers['content-length']) out['content-length'] = String(headers['content-length']);
      res.writeHead(statusCode, out);
      return res;
    },
    (error) => {
      if (error && !controller.signal.aborted) fail(res, 502, error.message);
    },
  );
}

const server = createServer({ keepAliveTimeout: 75_000, requestTimeout: 0 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => forward(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
});
// A larger accept backlog than Node's 511, as a server in front of thousands of clients sets.
server.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ origin: `http://127.0.0.1:${port}` })}\n`);
});
const shutdown = () => {
  server.close();
  void pool.close();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
