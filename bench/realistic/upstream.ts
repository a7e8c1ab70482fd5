/**
 * The realistic upstream, as its own process: OpenAI Chat Completions streams at a person's reading
 * pace, one token a frame at `--tokens-per-second` (30), each answer `--answer-seconds` long
 * (`20-60`: drawn per request, the same sequence every run). Each token is its send time (see
 * stream-format.ts). The first token goes out as soon as the request is read (the time to first
 * token is then the gateway's own); the rest ride the shared TokenTicker.
 *
 *   node --import tsx bench/realistic/upstream.ts [--tokens-per-second 30] [--answer-seconds 20-60]
 *
 * `GET /clock` answers the current time in the same clock, so a client can measure the offset
 * between its clock and this one. Prints `BENCH_READY {"openai": "http://127.0.0.1:PORT/v1"}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { answerTokens, closingFrames, parseRange, ROLE_FRAME, tokenFrame } from './stream-format.js';
import { TokenTicker } from './token-ticker.js';

const { values } = parseArgs({
  options: {
    'tokens-per-second': { type: 'string', default: '30' },
    'answer-seconds': { type: 'string', default: '20-60' },
    buckets: { type: 'string', default: '10' },
  },
});
const tokensPerSec = Number(values['tokens-per-second']);
const [minSec, maxSec] = parseRange(values['answer-seconds'] ?? '20-60');
const ticker = new TokenTicker(1000 / tokensPerSec, Number(values.buckets));
const wallNow = () => performance.timeOrigin + performance.now();
let answers = 0;

const NONSTREAM = JSON.stringify({
  id: 'chatcmpl-realistic',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 40, completion_tokens: 1, total_tokens: 41 },
});

function stream(res: ServerResponse, includeUsage: boolean): void {
  const tokens = answerTokens(answers++, minSec, maxSec, tokensPerSec);
  let sent = 1;
  let gone = false;
  res.once('close', () => {
    gone = true;
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(ROLE_FRAME + tokenFrame(wallNow()));
  if (tokens === 1) {
    res.end(closingFrames(tokens, includeUsage));
    return;
  }
  ticker.add({
    tick() {
      if (gone) return false;
      res.write(tokenFrame(wallNow()));
      if (++sent < tokens) return true;
      res.end(closingFrames(tokens, includeUsage));
      return false;
    },
  });
}

function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/clock') {
    res.end(wallNow().toFixed(3));
    return;
  }
  if (req.method === 'GET' && path.endsWith('/models')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'openai' }] }));
    return;
  }
  if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  let body: { stream?: boolean; stream_options?: { include_usage?: boolean } };
  try {
    body = JSON.parse(raw);
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"invalid JSON","type":"invalid_request_error"}}');
    return;
  }
  if (body.stream) stream(res, body.stream_options?.include_usage === true);
  else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(NONSTREAM);
  }
}

const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0 }, (req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    raw += chunk;
  });
  req.on('end', () => answer(req, res, raw));
});
// Node's default accept backlog (511) overflows when a step opens a thousand connections a second
// on a busy machine; the kernel then drops handshakes and the client sees resets and timeouts.
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ openai: `http://127.0.0.1:${port}/v1` })}\n`);
});
const shutdown = () => {
  ticker.stop();
  server.closeAllConnections();
  server.close();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
